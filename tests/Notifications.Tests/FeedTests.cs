using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Platform.Client.Models;
using Platform.Contracts.Actors;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;
using Platform.Notifications.Data;
using Platform.Testing;

namespace Platform.Notifications.Tests;

/// <summary>
/// Each actor's feed through the real service: what happened to its needs, efforts, forums and webhooks, read and
/// marked read by its users only, and e-mailed through a real SMTP server, at once or as a daily digest, never lost
/// while the server refuses.
/// </summary>
[Collection(nameof(EventsInOrder))]
public sealed class FeedTests(NotificationsApp app)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static NeedSubmitted Need(Guid submitter) => new()
    {
        NeedId = Guid.CreateVersion7(),
        Reference = $"BEH-2026-{Random.Shared.Next(1_000_000):D6}",
        Title = "Kapacitet i elnätet för en ny verkstad",
        Description = "Företaget behöver 8 MW till en ny verkstad och nätägaren har ingen ledig kapacitet före 2029.",
        Theme = "electricity",
        SubmittedByActorId = submitter,
        SubmitterKind = "company",
        MunicipalityCodes = ["2523"],
        CountyCodes = ["25"],
        Urgency = "high",
        Confidential = true,
        OccurredAt = DateTimeOffset.UtcNow,
    };

    private async Task<PagedResult<Notification>> FeedAsync(Guid actor, bool unread = false) =>
        (await app.Client("actor", actor).GetFromJsonAsync<PagedResult<Notification>>($"/api/notifications?unread={unread}&pageSize=100", Token))!;

    private Task UntilFeedAsync(Guid actor, int count) =>
        Wait.UntilAsync(async () => (await FeedAsync(actor)).Total == count, Timeout, $"{count} entries in the feed", Token);

    /// <summary>A need submitted by <paramref name="actor"/>, triaged, linked to a challenge and resolved: three entries of its feed.</summary>
    private async Task<NeedSubmitted> NeedThroughItsLifeAsync(Guid actor)
    {
        var need = Need(actor);
        await app.PublishAsync(need, Token);
        await app.PublishAsync(new NeedTriaged { NeedId = need.NeedId, Decision = "accept", Status = "accepted", Theme = "electricity", OccurredAt = DateTimeOffset.UtcNow }, Token);
        await app.PublishAsync(new NeedLinkedToChallenge
        {
            NeedId = need.NeedId, ChallengeId = Guid.NewGuid(), Score = 0.4, Automatic = true, CountyCodes = ["24", "25"], CrossCounty = true, OccurredAt = DateTimeOffset.UtcNow,
        }, Token);
        await app.PublishAsync(new NeedResolved { NeedId = need.NeedId, OccurredAt = DateTimeOffset.UtcNow }, Token);
        return need;
    }

    [Fact]
    public async Task A_submitter_reads_what_happened_to_its_need_and_marks_it_read_and_nobody_else_sees_it()
    {
        var (company, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var need = await NeedThroughItsLifeAsync(company);
        await UntilFeedAsync(company, 3);

        var feed = (await FeedAsync(company)).Items;
        Assert.Equal(["need-resolved", "need-linked", "need-triaged"], feed.Select(entry => entry.Kind));
        Assert.All(feed, entry => Assert.Contains(need.Reference, entry.Text));
        Assert.Contains("båda länen", feed[1].Text);
        Assert.Equal(0, (await FeedAsync(other)).Total);

        using var client = app.Client("actor", company);
        using (var read = await client.PostAsync($"/api/notifications/{feed[0].Id}/read", null, Token))
        {
            Assert.NotNull((await read.Content.ReadFromJsonAsync<Notification>(Token))!.ReadAt);
        }

        Assert.Equal(2, (await FeedAsync(company, unread: true)).Total);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client("actor", other).PostAsync($"/api/notifications/{feed[1].Id}/read", null, Token)).StatusCode);
        Assert.Equal(2, (await (await client.PostAsync("/api/notifications/read", null, Token)).Content.ReadFromJsonAsync<MarkedRead>(Token))!.Marked);
        Assert.Equal(0, (await FeedAsync(company, unread: true)).Total);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client("coordinator").GetAsync("/api/notifications", Token)).StatusCode);
    }

    [Fact]
    public async Task The_lead_and_participants_of_an_effort_and_the_members_of_a_forum_are_told()
    {
        var (lead, participant, member) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var (effort, forum) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await app.PublishAsync(new EffortLaunched
        {
            EffortId = effort, Title = "Gemensam elnätsplanering", ChallengeIds = [Guid.NewGuid()], LeadActorId = lead, Status = "ongoing", BudgetSek = 400_000m,
            OccurredAt = DateTimeOffset.UtcNow,
        }, Token);
        await app.PublishAsync(new EffortRevised
        {
            EffortId = effort, Version = 2, Title = "Gemensam elnätsplanering i båda länen", LeadActorId = lead, Participants = [new EffortParticipant(participant, "implementing")],
            StartDate = new DateOnly(2026, 1, 1), EndDate = new DateOnly(2027, 12, 31), BudgetSek = 450_000m, OccurredAt = DateTimeOffset.UtcNow,
        }, Token);
        // A completion goes to the participants the service knows of when it arrives: here, once the revision is in.
        await UntilFeedAsync(participant, 1);
        await app.PublishAsync(new EffortCompleted { EffortId = effort, CompletedOn = new DateOnly(2026, 11, 30), OccurredAt = DateTimeOffset.UtcNow }, Token);
        await app.PublishAsync(new ForumCreated { ForumId = forum, Name = "Kompetensrådet i Norrbotten", Scope = "county", OccurredAt = DateTimeOffset.UtcNow }, Token);
        await app.PublishAsync(new ForumMemberAdded { ForumId = forum, ActorId = member, Role = "member", OccurredAt = DateTimeOffset.UtcNow }, Token);

        await UntilFeedAsync(lead, 3);
        await UntilFeedAsync(participant, 2);
        await UntilFeedAsync(member, 1);
        Assert.Equal(["effort-completed", "effort-revised", "effort-launched"], (await FeedAsync(lead)).Items.Select(entry => entry.Kind));
        Assert.Contains("i båda länen” är avslutad", (await FeedAsync(participant)).Items[0].Text);
        Assert.Equal("Er organisation är nu med i forumet ”Kompetensrådet i Norrbotten” som medlem.", (await FeedAsync(member)).Items.Single().Text);
    }

    /// <summary>An actor's subscription to needs.submitted at a receiver answering <paramref name="status"/>, and a need of the actor published.</summary>
    private async Task<(WebhookReceiver Receiver, WebhookSubscription Subscription)> FailingSubscriptionAsync(Guid owner, int status)
    {
        var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => status;
        using var created = await app.Client("actor", owner).PostAsJsonAsync("/api/webhooks", new WebhookRequest(receiver.Url, ["needs.submitted"]), Token);
        var subscription = (await created.Content.ReadFromJsonAsync<WebhookSubscription>(Token))!;
        await app.PublishAsync(Need(owner), Token);
        return (receiver, subscription);
    }

    [Fact]
    public async Task A_webhook_disabled_by_its_receiver_is_told_in_its_owners_feed()
    {
        var owner = Guid.CreateVersion7();
        var (receiver, subscription) = await FailingSubscriptionAsync(owner, 410);
        await using var _ = receiver;
        using var client = app.Client("actor", owner);

        await UntilFeedAsync(owner, 1);
        var entry = (await FeedAsync(owner)).Items.Single();
        Assert.Equal(("webhook-disabled", $"webhook:{subscription.Id}"), (entry.Kind, entry.SubjectId));
        Assert.Contains("410", entry.Text);
        using var deleted = await client.DeleteAsync($"/api/webhooks/{subscription.Id}", Token);
    }

    [Fact]
    public async Task A_subscription_failing_for_the_whole_time_allowed_is_disabled_and_its_owner_told()
    {
        var owner = Guid.CreateVersion7();
        var (receiver, subscription) = await FailingSubscriptionAsync(owner, 500);
        await using var _ = receiver;
        using var client = app.Client("actor", owner);

        // The tests allow 5 seconds of failing instead of 3 days.
        await Wait.UntilAsync(async () => (await client.GetFromJsonAsync<WebhookSubscription>($"/api/webhooks/{subscription.Id}", Token))!.Status == "disabled",
            Timeout, "the subscription disabled", Token);
        var disabled = (await client.GetFromJsonAsync<WebhookSubscription>($"/api/webhooks/{subscription.Id}", Token))!;
        Assert.Equal("Every delivery failed for 5 seconds.", disabled.DisabledReason);
        Assert.True(receiver.Requests.Count > 3);
        await UntilFeedAsync(owner, 1);
        Assert.Contains("alla leveranser misslyckades i 5 sekunder", (await FeedAsync(owner)).Items.Single().Text);
        using var deleted = await client.DeleteAsync($"/api/webhooks/{subscription.Id}", Token);
    }

    /// <summary>Several instances of the service e-mail one at a time: while one holds the turn, another gets none.</summary>
    [Fact]
    public async Task One_instance_at_a_time_has_the_turn_to_email()
    {
        var feed = app.Services.GetRequiredService<FeedStore>();
        IAsyncDisposable? held = null;
        // The service's own sender takes the turn every 100 ms for a moment.
        await Wait.UntilAsync(async () => (held = await feed.TryTakeMailingTurnAsync(Token)) is not null, Timeout, "the turn to e-mail", Token);
        await using (held)
        {
            Assert.Null(await feed.TryTakeMailingTurnAsync(Token));
        }

        await Wait.UntilAsync(async () =>
        {
            await using var turn = await feed.TryTakeMailingTurnAsync(Token);
            return turn is not null;
        }, Timeout, "the turn free again once its holder let go", Token);
    }

    [Fact]
    public async Task The_feed_is_emailed_at_once_and_an_entry_the_server_refused_goes_out_later_exactly_once()
    {
        var actor = Guid.CreateVersion7();
        var address = $"behov-{actor:N}@kiruna.se";
        using var client = app.Client("actor", actor);
        Assert.Equal(new NotificationSettings(null, "none"), await client.GetFromJsonAsync<NotificationSettings>("/api/notifications/settings", Token));
        using (var saved = await client.PutAsJsonAsync("/api/notifications/settings", new NotificationSettings(address, "immediate"), Token))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        app.Mail.Refuse(1);
        var need = await NeedThroughItsLifeAsync(actor);
        await Wait.UntilAsync(() => Task.FromResult(app.Mail.To(address).Count() == 3), Timeout, "three e-mails", Token);

        var subjects = app.Mail.To(address).Select(message => message.Subject).ToList();
        Assert.Equal(3, subjects.Distinct().Count());
        Assert.All(subjects, subject => Assert.Contains(need.Reference, subject));
        // Each entry is marked e-mailed once the server took it, a moment after the message arrived.
        await Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM notifications WHERE actor_id = $1 AND emailed_at IS NULL", actor) == 0,
            Timeout, "every entry marked e-mailed", Token);
        Assert.Equal(3, app.Mail.To(address).Count());
    }

    [Fact]
    public async Task A_daily_digest_gathers_the_days_entries_in_one_email()
    {
        var actor = Guid.CreateVersion7();
        var address = $"samordning-{actor:N}@lulea.se";
        using var client = app.Client("actor", actor);
        using (var saved = await client.PutAsJsonAsync("/api/notifications/settings", new NotificationSettings(address, "daily"), Token))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var need = await NeedThroughItsLifeAsync(actor);
        await UntilFeedAsync(actor, 3);
        Assert.Empty(app.Mail.To(address));

        // A day on: the digest is due.
        await app.ScalarAsync("UPDATE notification_settings SET updated_at = updated_at - interval '25 hours' WHERE actor_id = $1", actor);
        await Wait.UntilAsync(() => Task.FromResult(app.Mail.To(address).Any()), Timeout, "the digest", Token);
        var digest = app.Mail.To(address).Single();
        Assert.StartsWith("Sammanfattning: 3 händelser", digest.Subject);
        Assert.Equal(3, digest.TextBody!.Split(need.Reference).Length - 1);
        // The digest is recorded once the server took it, a moment after the message arrived.
        await Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM notification_settings WHERE actor_id = $1 AND last_digest_at IS NOT NULL", actor) == 1,
            Timeout, "the digest recorded", Token);
        Assert.Single(app.Mail.To(address));
    }

    [Theory]
    [InlineData("inte-en-adress", "immediate", "email")]
    [InlineData("Namn <namn@kiruna.se>", "immediate", "email")]
    [InlineData(null, "daily", "email")]
    [InlineData("namn@kiruna.se", "hourly", "delivery")]
    public async Task Bad_settings_are_refused_naming_the_field(string? email, string delivery, string field)
    {
        var actor = Guid.CreateVersion7();
        using var response = await app.Client("actor", actor).PutAsJsonAsync("/api/notifications/settings", new NotificationSettings(email, delivery), Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Token))!.Errors.Keys);
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM notification_settings WHERE actor_id = $1", actor));
    }
}
