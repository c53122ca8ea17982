using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Platform.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.ScaleOut.Tests;

/// <summary>The tests kill and restart parts of the one platform they share: one at a time.</summary>
[CollectionDefinition(nameof(OneAtATime), DisableParallelization = true)]
public sealed class OneAtATime;

[Collection(nameof(OneAtATime))]
public sealed class ScaleOutTests(ScaleOutFixture platform)
{
    private const string NeedSubmittedExchange = "Platform.Contracts.Needs:NeedSubmitted";
    private static readonly TimeSpan Arrival = TimeSpan.FromMinutes(3);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_service_queue_is_a_quorum_queue()
    {
        var factory = new ConnectionFactory { Uri = new Uri((await platform.App.GetConnectionStringAsync("messaging", Token))!) };
        await using var connection = await factory.CreateConnectionAsync(Token);
        foreach (var queue in new[] { "challenge-tracking-need-submitted", "reporting-need-submitted", "notifications-need-submitted", "actor-registry-need-submitted", "needs-intake-need-linked-to-challenge" })
        {
            await using (var channel = await connection.CreateChannelAsync(cancellationToken: Token))
            {
                await channel.QueueDeclarePassiveAsync(queue, Token);
            }

            // Declaring a queue again with another type is refused: the broker holds it as a quorum queue.
            await using var redeclare = await connection.CreateChannelAsync(cancellationToken: Token);
            var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => redeclare.QueueDeclareAsync(
                queue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" }, cancellationToken: Token));
            Assert.Equal((ushort)406, refused.ShutdownReason?.ReplyCode);
            Assert.Contains("quorum", refused.ShutdownReason?.ReplyText, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Needs go in through both gateways while one instance of every service, and then of the gateway, is killed
    /// (SIGKILL) and started again; a client whose request fails retries it with the same Idempotency-Key, on the other
    /// gateway. While an instance is down, the gateway takes it out and serves from the other.
    /// </summary>
    [Fact]
    public async Task Needs_submitted_while_instances_are_killed_and_restarted_are_stored_linked_and_counted_once()
    {
        var run = Run();
        await using var probe = await EventProbe.BindAsync((await platform.App.GetConnectionStringAsync("messaging", Token))!, NeedSubmittedExchange, Token);
        var submitter = await SubmitterAsync();
        var countedBefore = await platform.ScalarAsync("reportingdb", "SELECT COALESCE(sum(n), 0)::bigint FROM rm_need_counts");

        var accepted = new ConcurrentDictionary<int, Guid>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var submitting = Task.Run(async () =>
        {
            // Five needs a second, as a steady stream.
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            var index = 0;
            var inFlight = new List<Task>();
            while (!stop.IsCancellationRequested && await pace.WaitForNextTickAsync(Token))
            {
                var i = index++;
                inFlight.Add(Task.Run(async () => accepted[i] = await submitter.SubmitAsync($"{run}-{i}", i, Housing(run, i), Token), Token));
            }

            await Task.WhenAll(inFlight);
        }, Token);

        using var reader = await platform.GatewayClientAsync("gateway", "coordinator", null, Token);
        using var actor = await platform.GatewayClientAsync("gateway", "actor", submitter.ActorId, Token);
        foreach (var (service, path) in ScaleOutFixture.ServiceReads)
        {
            var instance = $"{service}-2";
            await platform.App.KillResourceAsync(instance, Token);
            // The gateway has taken the dead instance out: ten reads in a row succeed through it.
            await ServedTenTimesInARowAsync(service == "notifications" ? actor : reader, path, $"{service} served while {instance} is down");
            await platform.App.StartResourceAsync(instance, Token);
        }

        await platform.App.KillResourceAsync("gateway-2", Token);
        await submitter.ServedAsync("gateway", Token);
        await platform.App.StartResourceAsync("gateway-2", Token);
        await submitter.ServedAsync("gateway-2", Token);

        await stop.CancelAsync();
        await submitting;
        var ids = accepted.Values.ToArray();
        Assert.True(ids.Length >= 50, $"only {ids.Length} needs were submitted");

        await AssertStoredLinkedAndCountedOnceAsync(run, ids, countedBefore);
        // Every outbox row's event reached the broker. One is published again only if the instance publishing it was
        // killed before it recorded the publication (at-least-once); the consumers' inboxes took it once, as asserted.
        var published = (await probe.DrainAsync("needId", Token)).Where(p => ids.Contains(p.Subject)).ToList();
        var rows = await OutboxEventIdsAsync(ids);
        Assert.Equal(rows.Order(), published.Select(p => p.MessageId).Distinct().Order());
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{ids.Length} needs accepted, {submitter.Retries} requests sent again, {published.Count - rows.Length} events published again after a kill");
    }

    /// <summary>
    /// Without failures, two relays publish every outbox row once; the same Idempotency-Key sent to both gateways at
    /// once creates one need; and needs about one thing, consumed by two clustering instances at the same time, end in
    /// one challenge, as one instance would put them.
    /// </summary>
    [Fact]
    public async Task Two_instances_of_each_service_create_publish_and_cluster_as_one_would()
    {
        var run = Run();
        await using var probe = await EventProbe.BindAsync((await platform.App.GetConnectionStringAsync("messaging", Token))!, NeedSubmittedExchange, Token);
        var submitter = await SubmitterAsync();

        // The same key and body to both gateways at once, ten times over.
        var twice = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
            await Task.WhenAll(submitter.SubmitAtAsync("gateway", $"{run}-{i}", Grid(run, i), Token), submitter.SubmitAtAsync("gateway-2", $"{run}-{i}", Grid(run, i), Token))));
        Assert.All(twice, pair => Assert.Equal(pair[0], pair[1]));
        Assert.Equal(10, await platform.ScalarAsync("needsdb", "SELECT count(*) FROM needs WHERE title LIKE $1", $"%{run}%"));

        // Twenty more at once, alternating gateways.
        var more = await Task.WhenAll(Enumerable.Range(10, 20).Select(i => submitter.SubmitAsync($"{run}-{i}", i, Grid(run, i), Token)));
        var ids = twice.Select(pair => pair[0]).Concat(more).ToArray();

        await AssertStoredLinkedAndCountedOnceAsync(run, ids, countedBefore: null);
        Assert.Equal(1, await platform.ScalarAsync("challengesdb", "SELECT count(DISTINCT challenge_id) FROM needs WHERE id = ANY ($1)", (object)ids));

        var published = (await probe.DrainAsync("needId", Token)).Where(p => ids.Contains(p.Subject)).ToList();
        Assert.Equal((await OutboxEventIdsAsync(ids)).Order(), published.Select(p => p.MessageId).Order());
    }

    /// <summary>Consumers take messages the broker delivers again after it went down mid-stream once, through their inbox.</summary>
    [Fact]
    public async Task Needs_submitted_while_the_broker_restarts_reach_every_service_once()
    {
        var run = Run();
        var submitter = await SubmitterAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            if (i == 10)
            {
                await platform.App.StopResourceAsync("messaging", Token);
            }

            if (i == 20)
            {
                await platform.App.StartResourceAsync("messaging", Token);
            }

            ids.Add(await submitter.SubmitAsync($"{run}-{i}", i, Rail(run, i), Token));
        }

        await AssertStoredLinkedAndCountedOnceAsync(run, [.. ids], countedBefore: null);
    }

    /// <summary>
    /// A browser signed in through one gateway stays on the web client's instance that holds its session, through
    /// either gateway; when that instance is gone it is sent to another, asked to sign in again (never an error), and
    /// stays there.
    /// </summary>
    [Fact]
    public async Task A_browser_stays_on_one_web_instance_and_signs_in_again_when_it_is_gone()
    {
        using var browser = new Browser(platform);
        await browser.SignInAsync(Token);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await browser.HomeAsync(i, Token));
        }

        await platform.App.KillResourceAsync("web-2", Token);
        try
        {
            // Until the gateway has seen the instance go, a request there fails; then the browser is served again,
            // by the instance it was on or, signed out, by the other.
            HttpStatusCode answer = default;
            await Wait.UntilAsync(async () => (answer = await browser.HomeAsync(0, Token)) is HttpStatusCode.OK or HttpStatusCode.Found,
                TimeSpan.FromSeconds(60), "the web client answering after web-2 was killed", Token);
            if (answer == HttpStatusCode.Found)
            {
                Assert.Contains("/dev/logga-in", browser.LastRedirect, StringComparison.Ordinal);
                await browser.SignInAsync(Token);
            }

            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(HttpStatusCode.OK, await browser.HomeAsync(i, Token));
            }
        }
        finally
        {
            await platform.App.StartResourceAsync("web-2", Token);
        }
    }

    /// <summary>A browser's cookies, shared by both gateways (cookies do not tell ports apart), that follows no redirect.</summary>
    private sealed class Browser : IDisposable
    {
        private readonly HttpClientHandler _handler = new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        private readonly HttpClient[] _gateways;

        public Browser(ScaleOutFixture platform) =>
            _gateways = [.. ScaleOutFixture.Instances("gateway").Select(gateway => new HttpClient(_handler, disposeHandler: false)
            {
                BaseAddress = platform.App.GetEndpoint(gateway, "http"),
            })];

        public string? LastRedirect { get; private set; }

        public async Task SignInAsync(CancellationToken cancellationToken)
        {
            using var response = await _gateways[0].GetAsync("/dev/signin?role=coordinator", cancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        /// <summary>The start page through the <paramref name="index"/>th gateway in turn: 200 when signed in, 302 to sign in otherwise.</summary>
        public async Task<HttpStatusCode> HomeAsync(int index, CancellationToken cancellationToken)
        {
            try
            {
                using var response = await _gateways[index % _gateways.Length].GetAsync("/", cancellationToken);
                LastRedirect = response.Headers.Location?.OriginalString;
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                return HttpStatusCode.BadGateway;
            }
        }

        public void Dispose()
        {
            foreach (var gateway in _gateways)
            {
                gateway.Dispose();
            }

            _handler.Dispose();
        }
    }

    private static string Run() => Guid.NewGuid().ToString("N")[..8];

    private static object Housing(string run, int i) => new
    {
        title = $"Bostäder för nyanställda vid batterifabriken {run} {i}",
        description = $"Kommunen saknar bostäder för de nyanställda vid batterifabriken, omgång {run} {i}.",
        theme = "housing",
        municipalityCodes = new[] { "2580" },
        urgency = "high",
    };

    private static object Grid(string run, int i) => new
    {
        title = $"Elnätskapacitet för vätgasanläggningen {run} {i}",
        description = $"Vätgasanläggningen behöver 300 MW mer elnätskapacitet från stamnätet, begäran {run} {i}.",
        theme = "electricity",
        municipalityCodes = new[] { "2580" },
        urgency = "high",
    };

    private static object Rail(string run, int i) => new
    {
        title = $"Fler godståg på Malmbanan {run} {i}",
        description = $"Gruvan och stålverket behöver mer kapacitet för godståg på Malmbanan, omgång {run} {i}.",
        theme = "infrastructure",
        municipalityCodes = new[] { "2580" },
        urgency = "medium",
    };

    private async Task<Submitter> SubmitterAsync()
    {
        using var coordinator = await platform.GatewayClientAsync("gateway", "coordinator", null, Token);
        var actors = await coordinator.GetFromJsonAsync<JsonElement>("/api/actors?kind=municipality&municipality=2580", Token);
        var municipality = actors.GetProperty("items")[0].GetProperty("id").GetGuid();
        // One caller (one token) on every gateway: an Idempotency-Key is the caller's.
        var token = await platform.DevTokenAsync("actor", municipality, Token);
        var clients = ScaleOutFixture.Instances("gateway").ToDictionary(gateway => gateway, gateway => platform.GatewayClient(gateway, token));

        return new Submitter(municipality, clients);
    }

    private async Task ServedTenTimesInARowAsync(HttpClient client, string path, string what)
    {
        var inARow = 0;
        await Wait.UntilAsync(async () =>
        {
            using var response = await client.GetAsync(path, Token);
            inARow = response.StatusCode == HttpStatusCode.OK ? inARow + 1 : 0;
            return inARow == 10;
        }, TimeSpan.FromSeconds(60), what, Token);
    }

    /// <summary>Each need stored once, linked to one challenge in every service, counted once in reporting, and every consumer's effect applied once.</summary>
    private async Task AssertStoredLinkedAndCountedOnceAsync(string run, Guid[] ids, long? countedBefore)
    {
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(ids.Length, await platform.ScalarAsync("needsdb", "SELECT count(*) FROM needs WHERE title LIKE $1", $"%{run}%"));
        await Wait.UntilAsync(async () => await platform.ScalarAsync("challengesdb", "SELECT count(*) FROM needs WHERE id = ANY ($1) AND challenge_id IS NOT NULL", (object)ids) == ids.Length,
            Arrival, "every need clustered", Token);
        await Wait.UntilAsync(async () => await platform.ScalarAsync("needsdb", "SELECT count(*) FROM needs WHERE id = ANY ($1) AND status = 'linked'", (object)ids) == ids.Length,
            Arrival, "every need linked in needs-intake", Token);
        await Wait.UntilAsync(async () => await platform.ScalarAsync("reportingdb", "SELECT count(*) FROM rm_needs WHERE id = ANY ($1) AND status = 'linked'", (object)ids) == ids.Length,
            Arrival, "every need submitted and linked in reporting", Token);
        await Wait.UntilAsync(async () => await platform.ScalarAsync("actorsdb", "SELECT count(*) FROM known_needs WHERE id = ANY ($1)", (object)ids) == ids.Length,
            Arrival, "every need known to the registry", Token);

        // Once: a second application of an event would have written a second history entry, log row or link.
        Assert.Equal(ids.Length, await platform.ScalarAsync("needsdb", "SELECT count(*) FROM need_history WHERE need_id = ANY ($1) AND action = 'linked'", (object)ids));
        Assert.Equal(ids.Length, await platform.ScalarAsync("reportingdb",
            "SELECT count(*) FROM event_log WHERE message_type LIKE '%.NeedSubmitted' AND (payload->>'needId')::uuid = ANY ($1)", (object)ids));
        Assert.Equal(ids.Length, await platform.ScalarAsync("reportingdb",
            "SELECT count(*) FROM event_log WHERE message_type LIKE '%.NeedLinkedToChallenge' AND (payload->>'needId')::uuid = ANY ($1)", (object)ids));
        Assert.Equal(ids.Length, await platform.ScalarAsync("challengesdb",
            "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.NeedLinkedToChallenge' AND (payload->>'needId')::uuid = ANY ($1)", (object)ids));
        if (countedBefore is { } before)
        {
            Assert.Equal(before + ids.Length, await platform.ScalarAsync("reportingdb", "SELECT COALESCE(sum(n), 0)::bigint FROM rm_need_counts"));
        }
    }

    /// <summary>The event ids of the needs' <c>NeedSubmitted</c> outbox rows, once every row is published.</summary>
    private async Task<string[]> OutboxEventIdsAsync(Guid[] ids)
    {
        await Wait.UntilAsync(async () => await platform.ScalarAsync("needsdb",
                "SELECT count(*) FROM outbox_pending WHERE message_type LIKE '%.NeedSubmitted' AND (payload->>'needId')::uuid = ANY ($1)", (object)ids) == 0,
            Arrival, "every NeedSubmitted row published", Token);
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(await platform.App.GetConnectionStringAsync("needsdb", Token)) { Pooling = false };
        await using var connection = new Npgsql.NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT event_id::text FROM outbox_sent WHERE message_type LIKE '%.NeedSubmitted' AND (payload->>'needId')::uuid = ANY ($1)", connection)
        {
            Parameters = { new() { Value = ids } },
        };
        var eventIds = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            eventIds.Add(reader.GetString(0));
        }

        Assert.Equal(ids.Length, eventIds.Count);
        return [.. eventIds];
    }
}
