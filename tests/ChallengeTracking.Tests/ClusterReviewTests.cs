using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Platform.ChallengeTracking.Clustering;
using Platform.ChallengeTracking.Data;
using Platform.Client.Models;
using Platform.Contracts.Needs;
using Platform.Testing;

namespace Platform.ChallengeTracking.Tests;

/// <summary>
/// The clustering review through the service: merges and splits proposed, accepted and dismissed, outdated suggestions
/// refused, archived challenges left alone, and the review running on its own after needs arrive. Each test keeps to a
/// theme of its own and to needs of invented words, so no other test's needs join its challenges.
/// </summary>
public sealed class ClusterReviewTests(ChallengeTrackingApp app)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Topic() => string.Join(' ', Enumerable.Range(0, 10).Select(_ => new string([.. Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26)))])));

    private static NeedSubmitted Need(string topic, string theme) => ChallengeTrackingApp.Need(string.Join(' ', topic.Split(' ')[..4]), topic, theme);

    private HttpClient Coordinator() => app.Client("coordinator");

    private async Task<Guid> OpenByHandAsync(string theme)
    {
        using var response = await Coordinator().PostAsJsonAsync(
            "/api/challenges", new CreateChallengeRequest(theme, "Öppnad för hand", "En utmaning som en samordnare öppnade för hand i testet."), Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Challenge>(Token))!.Id;
    }

    private async Task RelinkAsync(Guid challenge, Guid needId)
    {
        var (_, etag) = await app.GetChallengeAsync(challenge, Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/challenges/{challenge}/needs") { Content = JsonContent.Create(new RelinkNeedRequest(needId)) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await Coordinator().SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A need of <paramref name="topic"/> that a coordinator moved from a challenge of its own (in another theme) into <paramref name="challenge"/>.</summary>
    private async Task<NeedSubmitted> PlacedAsync(Guid challenge, string topic)
    {
        var need = Need(topic, "infrastructure");
        await app.SubmitNeedAsync(need, Token);
        await RelinkAsync(challenge, need.NeedId);
        return need;
    }

    private async Task<ClusterReview> ReviewAsync()
    {
        using var response = await Coordinator().PostAsync("/api/challenges/suggestions/review", null, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ClusterReview>(Token))!;
    }

    private async Task<List<ChallengeSuggestion>> SuggestionsAsync(string theme, string status = "open")
    {
        var all = new List<ChallengeSuggestion>();
        for (var page = 1; ; page++)
        {
            var result = (await Coordinator().GetFromJsonAsync<PagedResult<ChallengeSuggestion>>(
                $"/api/challenges/suggestions?theme={theme}&status={status}&page={page}&pageSize=100", Token))!;
            all.AddRange(result.Items);
            if (all.Count >= result.Total)
            {
                return all;
            }
        }
    }

    private async Task<HttpResponseMessage> DecideAsync(Guid suggestion, string decision) =>
        await Coordinator().PostAsync($"/api/challenges/suggestions/{suggestion}/{decision}", null, Token);

    private static async Task<string> ProblemTitleAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(Token))!.Title!;

    [Fact]
    public async Task A_merge_is_proposed_and_made_when_accepted_and_an_outdated_suggestion_is_refused()
    {
        const string theme = "planning";
        var topic = Topic();
        var first = Need(topic, theme);
        var clustered = await app.SubmitNeedAsync(first, Token);
        var byHand = await OpenByHandAsync(theme);
        var placed = await PlacedAsync(byHand, topic);

        var review = await ReviewAsync();
        Assert.Contains(review.Thresholds, threshold => threshold.Theme == theme);
        var proposed = Assert.Single(await SuggestionsAsync(theme), suggestion => suggestion.MergedChallenge?.Id == byHand);
        Assert.Equal((ClusterSuggestion.Merge, clustered), (proposed.Kind, proposed.Challenge.Id));
        Assert.InRange(proposed.Similarity, 0.9, 1.0001);
        Assert.Equal(0.12, proposed.Threshold);

        // A need joins one of the challenges: the suggestion no longer says what accepting it would do.
        var third = Need(topic + " " + Topic(), theme);
        Assert.Equal(clustered, await app.SubmitNeedAsync(third, Token));
        using (var outdated = await DecideAsync(proposed.Id, "accept"))
        {
            Assert.Equal(HttpStatusCode.Conflict, outdated.StatusCode);
            Assert.Equal(ClusterReviewStore.SuggestionOutdated, await ProblemTitleAsync(outdated));
        }

        await ReviewAsync();
        Assert.Contains(await SuggestionsAsync(theme, "withdrawn"), suggestion => suggestion.Id == proposed.Id);
        var current = Assert.Single(await SuggestionsAsync(theme), suggestion => suggestion.MergedChallenge?.Id == byHand);
        using (var accepted = await DecideAsync(current.Id, "accept"))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            var decided = (await accepted.Content.ReadFromJsonAsync<ChallengeSuggestion>(Token))!;
            Assert.Equal("accepted", decided.Status);
            Assert.NotNull(decided.DecidedBy);
        }

        var (merged, _) = await app.GetChallengeAsync(byHand, Token);
        Assert.Equal(("archived", clustered), (merged.GetProperty("status").GetString(), merged.GetProperty("mergedInto").GetGuid()));
        var (kept, _) = await app.GetChallengeAsync(clustered, Token);
        Assert.Equal(
            new[] { first.NeedId, placed.NeedId, third.NeedId }.Order(), kept.GetProperty("needIds").EnumerateArray().Select(id => id.GetGuid()).Order());
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM clustering_labels WHERE theme = $1 AND source = 'suggestion-accepted' AND together", theme));

        using var again = await DecideAsync(current.Id, "accept");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(ClusterReviewStore.SuggestionDecided, await ProblemTitleAsync(again));
    }

    [Fact]
    public async Task A_dismissed_split_is_not_proposed_again_and_an_accepted_one_moves_the_needs_a_coordinator_did_not_place()
    {
        const string theme = "public-services";
        var (topic, otherTopic) = (Topic(), Topic());
        var first = Need(topic, theme);
        var challenge = await app.SubmitNeedAsync(first, Token);
        var placed = await PlacedAsync(challenge, otherTopic);

        await ReviewAsync();
        var proposed = Assert.Single(await SuggestionsAsync(theme), suggestion => suggestion.Challenge.Id == challenge);
        Assert.Equal(ClusterSuggestion.Split, proposed.Kind);
        Assert.Equal([first.NeedId], Assert.Single(proposed.Groups).Select(need => need.Id));
        Assert.Equal(first.Reference, proposed.Groups[0][0].Reference);

        using (var dismissed = await DecideAsync(proposed.Id, "dismiss"))
        {
            Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        }

        await ReviewAsync();
        Assert.DoesNotContain(await SuggestionsAsync(theme), suggestion => suggestion.Challenge.Id == challenge);
        Assert.Contains(await SuggestionsAsync(theme, "dismissed"), suggestion => suggestion.Id == proposed.Id);
        using (var refused = await DecideAsync(proposed.Id, "accept"))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        // Another need of the first topic joins: the challenge holds other needs now, and the split is proposed afresh.
        var second = Need(topic + " " + Topic(), theme);
        Assert.Equal(challenge, await app.SubmitNeedAsync(second, Token));
        await ReviewAsync();
        var split = Assert.Single(await SuggestionsAsync(theme), suggestion => suggestion.Challenge.Id == challenge);
        Assert.Equal(new[] { first.NeedId, second.NeedId }.Order(), Assert.Single(split.Groups).Select(need => need.Id));
        using (var accepted = await DecideAsync(split.Id, "accept"))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        var moved = await app.ChallengeOfAsync(first.NeedId);
        Assert.NotEqual(challenge, moved);
        Assert.Equal(moved, await app.ChallengeOfAsync(second.NeedId));
        Assert.Equal(challenge, await app.ChallengeOfAsync(placed.NeedId));
        Assert.Equal(2, await app.ScalarAsync("SELECT count(*) FROM needs WHERE challenge_id = $1 AND NOT automatic", moved));
        var (created, _) = await app.GetChallengeAsync(moved, Token);
        Assert.Equal((theme, first.Title), (created.GetProperty("theme").GetString(), created.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Archived_challenges_are_never_proposed()
    {
        const string theme = "education";
        var topic = Topic();
        var clustered = await app.SubmitNeedAsync(Need(topic, theme), Token);
        var byHand = await OpenByHandAsync(theme);
        await PlacedAsync(byHand, topic);
        await ReviewAsync();
        Assert.Contains(await SuggestionsAsync(theme), suggestion => suggestion.MergedChallenge?.Id == byHand || suggestion.Challenge.Id == byHand);

        var (_, etag) = await app.GetChallengeAsync(byHand, Token);
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/challenges/{byHand}/status") { Content = JsonContent.Create(new ChallengeStatusRequest("archived")) })
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            using var archived = await Coordinator().SendAsync(request, Token);
            Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        }

        await ReviewAsync();
        Assert.DoesNotContain(await SuggestionsAsync(theme), suggestion =>
            new[] { suggestion.Challenge.Id, suggestion.MergedChallenge?.Id }.Intersect([byHand, clustered]).Any());
    }

    [Fact]
    public async Task The_review_runs_on_its_own_once_needs_stop_arriving()
    {
        const string theme = "skills";
        var topic = Topic();
        var clustered = await app.SubmitNeedAsync(Need(topic, theme), Token);
        var byHand = await OpenByHandAsync(theme);
        await PlacedAsync(byHand, topic);

        await app.SubmitNeedAsync(Need(Topic(), "other"), Token);
        await Wait.UntilAsync(async () => await app.ScalarAsync(
                "SELECT count(*) FROM cluster_suggestions WHERE status = 'open' AND kind = 'merge' AND challenge_id = $1 AND merged_challenge_id = $2", clustered, byHand) == 1,
            Timeout, "the review proposing the merge on its own", Token);
    }

    [Fact]
    public async Task Suggestions_are_for_coordinators_and_bad_filters_and_unknown_suggestions_are_refused()
    {
        foreach (var role in new[] { "reader", "actor" })
        {
            using var client = app.Client(role, role == "actor" ? Guid.NewGuid() : null);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/challenges/suggestions", Token)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/challenges/suggestions/review", null, Token)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/challenges/suggestions/{Guid.NewGuid()}/accept", null, Token)).StatusCode);
        }

        foreach (var (query, field) in new[] { ("status=decided", "status"), ("kind=join", "kind"), ("theme=weather", "theme"), ("pageSize=500", "pageSize") })
        {
            using var response = await Coordinator().GetAsync($"/api/challenges/suggestions?{query}", Token);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Token))!.Errors.Keys);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(Guid.NewGuid(), "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(Guid.NewGuid(), "dismiss")).StatusCode);
    }

    [Fact]
    public async Task Needs_stored_with_older_features_are_featured_again()
    {
        var need = Need(Topic(), "other");
        await app.SubmitNeedAsync(need, Token);
        await app.ScalarAsync("UPDATE needs SET features = '{}', weights = '{}', features_version = 1 WHERE id = $1", need.NeedId);

        Assert.True(await app.Services.GetRequiredService<ClusterReviewStore>().RefeatureAsync(100, Token) >= 1);
        Assert.Equal(1, await app.ScalarAsync(
            "SELECT count(*) FROM needs WHERE id = $1 AND features_version = $2 AND cardinality(features) > 10", need.NeedId, TextFeatures.Version));
    }
}
