using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Platform.Client;
using Platform.Client.Models;
using Platform.Contracts.Needs;
using Platform.Testing;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Platform.Notifications.Tests;

/// <summary>
/// Webhooks through the real service to a real receiver: signed deliveries a receiver verifies, retries until a
/// receiver comes up, a slow receiver timed out, 410 disabling, refused addresses, confidential needs kept from other
/// actors, order per entity, and the subscription's own operations.
/// </summary>
[Collection(nameof(EventsInOrder))]
public sealed class WebhookTests(NotificationsApp app) : IAsyncLifetime
{
    private readonly List<Guid> _subscriptions = [];

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static NeedSubmitted Need(Guid submitter, bool confidential = false, string county = "25") => new()
    {
        NeedId = Guid.CreateVersion7(),
        Reference = $"BEH-2026-{Random.Shared.Next(1_000_000):D6}",
        Title = "Fler bostäder för inflyttade",
        Description = "Kommunen behöver fler hyresrätter för dem som flyttar hit för de nya jobben.",
        Theme = "housing",
        SubmittedByActorId = submitter,
        SubmitterKind = confidential ? "company" : "municipality",
        MunicipalityCodes = [county == "25" ? "2580" : "2480"],
        CountyCodes = [county],
        Urgency = "medium",
        Confidential = confidential,
        OccurredAt = DateTimeOffset.UtcNow,
    };

    private static NeedTriaged Triaged(Guid needId) =>
        new() { NeedId = needId, Decision = "accept", Status = "accepted", Theme = "housing", PreviousTheme = "housing", OccurredAt = DateTimeOffset.UtcNow };

    private async Task<WebhookSubscription> SubscribeAsync(string url, string[] eventTypes, string role = "coordinator", Guid? actorId = null, WebhookFilters? filters = null)
    {
        using var response = await app.Client(role, actorId).PostAsJsonAsync("/api/webhooks", new WebhookRequest(url, eventTypes, filters), Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var subscription = (await response.Content.ReadFromJsonAsync<WebhookSubscription>(Token))!;
        _subscriptions.Add(subscription.Id);
        return subscription;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>A test's subscriptions go with it, so no later test's receiver hears from them.</summary>
    public async ValueTask DisposeAsync()
    {
        using var client = app.Client("coordinator");
        foreach (var id in _subscriptions)
        {
            using var _ = await client.DeleteAsync($"/api/webhooks/{id}");
        }
    }

    private async Task<List<WebhookDelivery>> DeliveriesAsync(Guid subscription, string role = "coordinator", Guid? actorId = null) =>
        [.. (await app.Client(role, actorId).GetFromJsonAsync<PagedResult<WebhookDelivery>>($"/api/webhooks/{subscription}/deliveries?pageSize=100", Token))!.Items];

    private async Task<WebhookSubscription> SubscriptionAsync(Guid id) => (await app.Client("coordinator").GetFromJsonAsync<WebhookSubscription>($"/api/webhooks/{id}", Token))!;

    private static Task UntilAsync(Func<bool> condition, string what) => Wait.UntilAsync(() => Task.FromResult(condition()), Timeout, what, Token);

    [Fact]
    public async Task A_receiver_verifies_the_signed_delivery_with_the_secret_it_was_given_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await SubscribeAsync(receiver.Url, ["needs.*"]);
        Assert.StartsWith("whsec_", subscription.Secret);
        Assert.Null((await SubscriptionAsync(subscription.Id)).Secret);

        var need = Need(Guid.NewGuid());
        await app.PublishAsync(need, Token);
        await UntilAsync(() => receiver.For(need.EventId).Any(), "the delivery");

        var received = receiver.For(need.EventId).Single();
        new StandardWebhook(subscription.Secret!).Verify(received.Body, received.Headers);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(WebhookSecret()).Verify(received.Body, received.Headers));
        Assert.Equal("needs.submitted", received.Json.GetProperty("type").GetString());
        Assert.Equal(need.EventId, received.Json.GetProperty("id").GetGuid());
        Assert.Equal(need.NeedId, received.Json.GetProperty("data").GetProperty("needId").GetGuid());
        await Wait.UntilAsync(async () => (await DeliveriesAsync(subscription.Id)).Any(delivery => delivery.EventId == need.EventId && delivery.Status == "delivered"),
            Timeout, "the delivery recorded", Token);
        var attempt = Assert.Single((await DeliveriesAsync(subscription.Id)).Single(delivery => delivery.EventId == need.EventId).AttemptLog);
        Assert.Equal((200, "thanks"), (attempt.StatusCode, attempt.ResponseExcerpt));
    }

    [Fact]
    public async Task A_receiver_that_is_down_gets_the_event_once_when_it_comes_up_and_the_retries_are_counted()
    {
        var receiver = new WebhookReceiver(WebhookReceiver.FreePort());
        await using (receiver)
        {
            var subscription = await SubscribeAsync(receiver.Url, ["needs.submitted"]);
            var need = Need(Guid.NewGuid());
            await app.PublishAsync(need, Token);
            await Wait.UntilAsync(async () => (await DeliveriesAsync(subscription.Id)).SingleOrDefault()?.Attempts >= 2, Timeout, "two failed attempts", Token);

            await receiver.StartListeningAsync();
            await Wait.UntilAsync(async () => (await DeliveriesAsync(subscription.Id)).Single().Status == "delivered", Timeout, "the delivery after the receiver came up", Token);
            var delivery = (await DeliveriesAsync(subscription.Id)).Single();
            Assert.Single(receiver.For(need.EventId));
            Assert.True(delivery.Attempts >= 3, $"{delivery.Attempts} attempts");
            Assert.Equal(delivery.Attempts, delivery.AttemptLog.Count);
            Assert.All(delivery.AttemptLog.Take(delivery.AttemptLog.Count - 1), attempt => Assert.NotNull(attempt.Error));
        }
    }

    [Fact]
    public async Task A_slow_receiver_is_timed_out_and_tried_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromSeconds(5);
        var subscription = await SubscribeAsync(receiver.Url, ["needs.submitted"]);
        await app.PublishAsync(Need(Guid.NewGuid()), Token);
        await Wait.UntilAsync(async () => (await DeliveriesAsync(subscription.Id)).SingleOrDefault()?.AttemptLog.Count >= 1, Timeout, "a timed-out attempt", Token);

        var attempt = (await DeliveriesAsync(subscription.Id)).Single().AttemptLog[0];
        Assert.Null(attempt.StatusCode);
        Assert.Contains("No answer within 1 s", attempt.Error);
        Assert.InRange(attempt.DurationMs, 900, 4_000);

        receiver.Delay = TimeSpan.Zero;
        await Wait.UntilAsync(async () => (await DeliveriesAsync(subscription.Id)).Single().Status == "delivered", Timeout, "the delivery once the receiver is quick", Token);
    }

    [Fact]
    public async Task A_receiver_answering_410_Gone_disables_its_subscription_at_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 410;
        var subscription = await SubscribeAsync(receiver.Url, ["*"]);
        await app.PublishAsync(Need(Guid.NewGuid()), Token);
        await Wait.UntilAsync(async () => (await SubscriptionAsync(subscription.Id)).Status == "disabled", Timeout, "the subscription disabled", Token);

        Assert.Contains("410", (await SubscriptionAsync(subscription.Id)).DisabledReason);
        Assert.Single(receiver.Requests);

        // Resumed, the waiting delivery goes out.
        receiver.Answer = _ => 202;
        using var resumed = await app.Client("coordinator").PostAsync($"/api/webhooks/{subscription.Id}/resume", null, Token);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        await Wait.UntilAsync(async () => (await DeliveriesAsync(subscription.Id)).Single().Status == "delivered", Timeout, "the delivery after resuming", Token);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_but_counted_as_a_failed_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.RedirectTo = $"http://127.0.0.1:{receiver.Port}/elsewhere";
        var subscription = await SubscribeAsync(receiver.Url, ["needs.submitted"]);
        await app.PublishAsync(Need(Guid.NewGuid()), Token);
        await Wait.UntilAsync(async () => (await DeliveriesAsync(subscription.Id)).SingleOrDefault()?.AttemptLog.Count >= 2, Timeout, "two attempts", Token);

        var delivery = (await DeliveriesAsync(subscription.Id)).Single();
        Assert.Equal("pending", delivery.Status);
        Assert.All(delivery.AttemptLog, attempt => Assert.Equal(307, attempt.StatusCode));
        Assert.DoesNotContain(receiver.Requests, request => request.Path == "/elsewhere");
    }

    [Theory]
    [InlineData("https://10.1.2.3/hook", "url")]
    [InlineData("https://192.168.0.10/hook", "url")]
    [InlineData("https://169.254.169.254/latest/meta-data", "url")]
    [InlineData("https://[fd00:ec2::254]/", "url")]
    [InlineData("http://example.org/hook", "url")]
    [InlineData("ftp://example.org/hook", "url")]
    [InlineData("https://user:secret@example.org/hook", "url")]
    public async Task A_receiver_at_a_private_or_metadata_address_or_without_https_is_refused(string url, string field)
    {
        using var response = await app.Client("coordinator").PostAsJsonAsync("/api/webhooks", new WebhookRequest(url, ["*"]), Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Token))!.Errors.Keys);
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM webhook_subscriptions WHERE url = $1", url));
    }

    [Fact]
    public async Task Unknown_event_types_filters_and_pages_are_refused_naming_the_field()
    {
        using var client = app.Client("coordinator");
        foreach (var (request, field) in new (object Body, string Field)[]
        {
            (new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "needs.eaten" } }, "eventTypes[0]"),
            (new { url = "http://127.0.0.1:9/hook", eventTypes = Array.Empty<string>() }, "eventTypes"),
            (new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "*" }, filters = new { county = "01" } }, "filters.county"),
            (new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "*" }, filters = new { theme = "weather" } }, "filters.theme"),
        })
        {
            using var response = await client.PostAsJsonAsync("/api/webhooks", request, Token);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Token))!.Errors.Keys);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/webhooks?pageSize=1000", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client("reader").GetAsync("/api/webhooks", Token)).StatusCode);
    }

    [Fact]
    public async Task A_companys_confidential_need_goes_to_the_company_and_coordinators_but_never_to_another_actors_endpoint()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (company, municipality, agency) = (Guid.CreateVersion7(), Guid.CreateVersion7(), await app.RegisterActorAsync("agency", Token));
        var companys = await SubscribeAsync(receiver.Url + "/company", ["needs.*"], "actor", company);
        var municipalitys = await SubscribeAsync(receiver.Url + "/municipality", ["needs.*"], "actor", municipality);
        var agencys = await SubscribeAsync(receiver.Url + "/agency", ["needs.*"], "actor", agency);
        var coordinators = await SubscribeAsync(receiver.Url + "/coordinator", ["needs.*"]);

        var confidential = Need(company, confidential: true);
        var open = Need(Guid.NewGuid());
        // The triage overtakes the submission: it waits until the service knows the need is confidential.
        await app.PublishAsync(Triaged(confidential.NeedId), Token);
        await app.PublishAsync(confidential, Token);
        await app.PublishAsync(open, Token);
        await Wait.UntilAsync(async () => (await DeliveriesAsync(municipalitys.Id, "actor", municipality)).Any(delivery => delivery.EventId == open.EventId),
            Timeout, "the public need at the municipality's endpoint", Token);
        foreach (var (id, actor, count) in new[] { (coordinators.Id, (Guid?)null, 3), (companys.Id, company, 3), (agencys.Id, agency, 3), (municipalitys.Id, municipality, 1) })
        {
            await Wait.UntilAsync(async () => (await DeliveriesAsync(id, actor is null ? "coordinator" : "actor", actor)).Count(delivery => delivery.Status == "delivered") == count,
                Timeout, $"{count} deliveries to {id}", Token);
        }

        Assert.Single(await DeliveriesAsync(municipalitys.Id, "actor", municipality));
        Assert.DoesNotContain(receiver.Requests, request => request.Path == "/hook/municipality" && request.Body.Contains(confidential.NeedId.ToString()));
        Assert.Contains(receiver.Requests, request => request.Path == "/hook/company" && request.Body.Contains(confidential.NeedId.ToString()));
        Assert.Equal(0, await app.ScalarAsync(
            "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = $1 AND payload LIKE '%' || $2 || '%'", municipalitys.Id, confidential.NeedId.ToString()));

        // An actor's user sees its own subscriptions only.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client("actor", municipality).GetAsync($"/api/webhooks/{companys.Id}", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client("actor", municipality).GetAsync($"/api/webhooks/{companys.Id}/deliveries", Token)).StatusCode);
        var listed = (await app.Client("actor", municipality).GetFromJsonAsync<PagedResult<WebhookSubscription>>("/api/webhooks", Token))!;
        Assert.Equal([municipalitys.Id], listed.Items.Select(subscription => subscription.Id));
        using var forOther = await app.Client("actor", municipality).PostAsJsonAsync("/api/webhooks", new WebhookRequest(receiver.Url, ["*"], ActorId: company), Token);
        Assert.Equal(HttpStatusCode.Forbidden, forOther.StatusCode);
    }

    [Fact]
    public async Task Events_about_one_entity_arrive_in_order_even_when_the_first_must_be_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var need = Need(Guid.NewGuid());
        var triaged = Triaged(need.NeedId);
        var failedOnce = false;
        receiver.Answer = request =>
        {
            if (request.WebhookId == need.EventId.ToString() && !failedOnce)
            {
                failedOnce = true;
                return 503;
            }

            return 200;
        };
        var subscription = await SubscribeAsync(receiver.Url, ["needs.submitted", "needs.triaged"]);
        await app.PublishAsync(need, Token);
        await app.PublishAsync(triaged, Token);
        await UntilAsync(() => receiver.For(triaged.EventId).Any(), "the triage delivered");

        var order = receiver.Requests.Select(request => request.WebhookId).ToList();
        Assert.Equal([need.EventId.ToString(), need.EventId.ToString(), triaged.EventId.ToString()], order);
        await Wait.UntilAsync(async () => (await DeliveriesAsync(subscription.Id)).Count(delivery => delivery.Status == "delivered") == 2, Timeout, "both recorded delivered", Token);
        var first = (await DeliveriesAsync(subscription.Id)).Single(delivery => delivery.EventId == need.EventId);
        Assert.Equal([503, 200], first.AttemptLog.Select(attempt => attempt.StatusCode));
    }

    [Fact]
    public async Task A_county_filter_lets_through_only_needs_of_the_county()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await SubscribeAsync(receiver.Url, ["needs.submitted"], filters: new WebhookFilters(County: "24"));
        var (norrbotten, vasterbotten) = (Need(Guid.NewGuid(), county: "25"), Need(Guid.NewGuid(), county: "24"));
        await app.PublishAsync(norrbotten, Token);
        await app.PublishAsync(vasterbotten, Token);
        await UntilAsync(() => receiver.For(vasterbotten.EventId).Any(), "the Västerbotten need");
        Assert.Equal([vasterbotten.EventId], (await DeliveriesAsync(subscription.Id)).Select(delivery => delivery.EventId));
    }

    [Fact]
    public async Task Ping_pause_redelivery_rotation_and_deletion_work_on_the_subscription()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await SubscribeAsync(receiver.Url, ["challenges.status-changed"]);
        using var client = app.Client("coordinator");

        using (var ping = await client.PostAsync($"/api/webhooks/{subscription.Id}/ping", null, Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, ping.StatusCode);
            var delivery = (await ping.Content.ReadFromJsonAsync<WebhookDelivery>(Token))!;
            await UntilAsync(() => receiver.For(delivery.EventId).Any(), "the ping");
            Assert.Equal("webhooks.ping", receiver.For(delivery.EventId).Single().Json.GetProperty("type").GetString());

            // Delivered, it can be sent again on request; the receiver tells it by the same webhook-id.
            await Wait.UntilAsync(async () => (await DeliveriesAsync(subscription.Id)).Single().Status == "delivered", Timeout, "the ping recorded", Token);
            using var again = await client.PostAsync($"/api/webhooks/{subscription.Id}/deliveries/{delivery.Id}/redeliver", null, Token);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            await UntilAsync(() => receiver.For(delivery.EventId).Count() == 2, "the ping sent again");
        }

        // Paused, deliveries wait; resumed, they go out.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/webhooks/{subscription.Id}/pause", null, Token)).StatusCode);
        var resolved = StatusChanged();
        await app.PublishAsync(resolved, Token);
        await Wait.UntilAsync(async () => (await DeliveriesAsync(subscription.Id)).Any(delivery => delivery.EventId == resolved.EventId), Timeout, "the delivery queued", Token);
        Assert.Empty(receiver.For(resolved.EventId));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/webhooks/{subscription.Id}/resume", null, Token)).StatusCode);
        await UntilAsync(() => receiver.For(resolved.EventId).Any(), "the waiting delivery after resuming");

        // A rotated secret signs with the previous one too during the overlap.
        using var rotation = await client.PostAsJsonAsync($"/api/webhooks/{subscription.Id}/secret", new SecretRotationRequest(1), Token);
        var rotated = (await rotation.Content.ReadFromJsonAsync<WebhookSubscription>(Token))!;
        Assert.NotEqual(subscription.Secret, rotated.Secret);
        var later = StatusChanged();
        await app.PublishAsync(later, Token);
        await UntilAsync(() => receiver.For(later.EventId).Any(), "a delivery after the rotation");
        var signed = receiver.For(later.EventId).Single();
        new StandardWebhook(rotated.Secret!).Verify(signed.Body, signed.Headers);
        Assert.Equal(2, signed.Headers["webhook-signature"].ToString().Split(' ').Length);
        foreach (var secret in new[] { rotated.Secret!, subscription.Secret! })
        {
            Assert.True(WebhookSignature.IsValid(
                secret, signed.WebhookId, signed.Headers["webhook-timestamp"], signed.Headers["webhook-signature"], signed.Body), "signed with each secret during the overlap");
        }

        Assert.False(WebhookSignature.IsValid(WebhookSecret(), signed.WebhookId, signed.Headers["webhook-timestamp"], signed.Headers["webhook-signature"], signed.Body));
        Assert.False(WebhookSignature.IsValid(
            rotated.Secret!, signed.WebhookId, signed.Headers["webhook-timestamp"], signed.Headers["webhook-signature"], signed.Body + " "), "a changed body fails");
        Assert.False(WebhookSignature.IsValid(
            rotated.Secret!, signed.WebhookId, signed.Headers["webhook-timestamp"], signed.Headers["webhook-signature"], signed.Body, now: DateTimeOffset.UtcNow.AddMinutes(10)),
            "an old delivery replayed fails");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/webhooks/{subscription.Id}", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/webhooks/{subscription.Id}", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/webhooks/{subscription.Id}", Token)).StatusCode);
    }

    private static Platform.Contracts.Challenges.ChallengeStatusChanged StatusChanged() =>
        new() { ChallengeId = Guid.NewGuid(), PreviousStatus = "identified", Status = "analysed", OccurredAt = DateTimeOffset.UtcNow };

    private static string WebhookSecret() => "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
