using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Challenges;
using Platform.Testing;

namespace Platform.NeedsIntake.Tests;

/// <summary>Status follows challenge tracking's events, delivered by the real broker, each applied once.</summary>
public sealed class ChallengeEventTests(NeedsIntakeApp app)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<JsonElement> NeedAsync(Guid id)
    {
        using var coordinator = app.Client("coordinator");
        return await coordinator.GetFromJsonAsync<JsonElement>($"/api/needs/{id}", Token);
    }

    private Task WaitForStatusAsync(Guid id, string status) =>
        Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM needs WHERE id = $1 AND status = $2", id, status) == 1, Timeout, $"need {id} {status}", Token);

    [Fact]
    public async Task A_link_sets_the_challenge_and_status_once_even_when_delivered_twice()
    {
        var actor = await app.RegisterActorAsync("municipality", Token);
        var id = (await app.SubmitAsync(actor, Token)).GetProperty("id").GetGuid();
        var challenge = Guid.NewGuid();
        var linked = new NeedLinkedToChallenge { NeedId = id, ChallengeId = challenge, Score = 0.7, Automatic = true, OccurredAt = DateTimeOffset.UtcNow };

        await app.PublishAsync(linked, Token);
        await app.PublishAsync(linked, Token);
        await WaitForStatusAsync(id, "linked");
        Assert.Equal(challenge, (await NeedAsync(id)).GetProperty("challengeId").GetGuid());

        // A later, distinct event proves both deliveries of the first were consumed before it is checked.
        var relinked = Guid.NewGuid();
        await app.PublishAsync(new NeedLinkedToChallenge { NeedId = id, ChallengeId = relinked, PreviousChallengeId = challenge, Score = 1, Automatic = false, OccurredAt = DateTimeOffset.UtcNow }, Token);
        await Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM needs WHERE id = $1 AND challenge_id = $2", id, relinked) == 1, Timeout, "relink", Token);

        // An older link arriving late does not undo the relink.
        var late = linked with { EventId = Guid.CreateVersion7(), OccurredAt = linked.OccurredAt.AddSeconds(-1) };
        await app.PublishAsync(late, Token);
        await Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", late.EventId) == 1, Timeout, "late link consumed", Token);
        Assert.Equal(2, await app.ScalarAsync("SELECT count(*) FROM need_history WHERE need_id = $1 AND action = 'linked'", id));
        Assert.Equal(relinked, (await NeedAsync(id)).GetProperty("challengeId").GetGuid());
    }

    [Fact]
    public async Task A_resolved_challenge_resolves_its_open_needs_and_a_merge_moves_them()
    {
        var actor = await app.RegisterActorAsync("municipality", Token);
        var open = (await app.SubmitAsync(actor, Token)).GetProperty("id").GetGuid();
        var withdrawn = (await app.SubmitAsync(actor, Token)).GetProperty("id").GetGuid();
        var merged = Guid.NewGuid();
        var target = Guid.NewGuid();
        foreach (var id in new[] { open, withdrawn })
        {
            await app.PublishAsync(new NeedLinkedToChallenge { NeedId = id, ChallengeId = merged, Score = 0.5, Automatic = true, OccurredAt = DateTimeOffset.UtcNow }, Token);
            await WaitForStatusAsync(id, "linked");
        }

        using (var submitter = app.Client("actor", actor))
        using (var withdraw = await submitter.PostAsJsonAsync($"/api/needs/{withdrawn}/withdraw", new { }, Token))
        {
            withdraw.EnsureSuccessStatusCode();
        }

        await app.PublishAsync(new ChallengesMerged { MergedChallengeId = merged, TargetChallengeId = target, MovedNeedIds = [open, withdrawn], OccurredAt = DateTimeOffset.UtcNow }, Token);
        await Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM needs WHERE challenge_id = $1", target) == 2, Timeout, "needs moved by the merge", Token);

        await app.PublishAsync(new ChallengeStatusChanged { ChallengeId = target, PreviousStatus = "addressed", Status = "resolved", OccurredAt = DateTimeOffset.UtcNow }, Token);
        await WaitForStatusAsync(open, "resolved");
        await app.WaitForEventAsync("NeedResolved", "needId", open, Token);
        Assert.Equal("withdrawn", (await NeedAsync(withdrawn)).GetProperty("status").GetString());
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.NeedResolved' AND payload->>'needId' = $1", withdrawn.ToString()));
    }
}
