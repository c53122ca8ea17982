using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Npgsql;

namespace Platform.IntegrationTests;

/// <summary>
/// Every operation of the gateway's merged OpenAPI document, read at run time, walked as a coordinator with hostile
/// values in each path and query parameter and each body field in turn, the other fields valid: never a 5xx, every
/// refusal a problem, and nothing in any database from a request that was refused. Writes to a resource go to what the
/// walk created itself, so every operation is walked without touching the other tests' data.
/// </summary>
public sealed class OpenApiFuzzTests(PlatformFixture platform)
{
    private static readonly string[] Databases = ["actorsdb", "needsdb", "challengesdb", "reportingdb", "notificationsdb"];

    /// <summary>Requests in flight at once: enough to keep both cores busy, few enough not to crowd the other tests.</summary>
    private const int Concurrency = 6;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_operation_refuses_hostile_input_with_a_problem_and_stores_nothing_it_refused()
    {
        var started = Stopwatch.GetTimestamp();
        // Three coordinators: each development token is a caller of its own at the gateway, so the walk runs on
        // rate-limit buckets of its own, three of them, and takes nothing from the other tests'.
        var clients = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            clients.Add(await platform.CreateGatewayClientAsync("coordinator", null, Token));
        }

        try
        {
            var walk = new Walk(await ReadDocumentAsync(clients[0]), clients, await platform.MunicipalityActorAsync("2580", Token));
            await walk.RunAsync();

            var failures = walk.Failures.ToList();
            failures.AddRange(await RefusedButStoredAsync(walk, clients[0]));
            var elapsed = Stopwatch.GetElapsedTime(started);
            var output = TestContext.Current.TestOutputHelper;
            output?.WriteLine($"{walk.Operations.Count} operations, {walk.Outcomes.Count} requests ({walk.Outcomes.Count(o => o.Accepted)} accepted) in {elapsed.TotalSeconds:N0} s");
            foreach (var refused in walk.Outcomes.Where(o => o.Probe.What == Walk.Baseline).GroupBy(o => o.Probe.Operation)
                .Where(baselines => !baselines.Any(o => o.Accepted)).OrderBy(baselines => baselines.Key, StringComparer.Ordinal))
            {
                output?.WriteLine($"valid request refused, its hostile requests stop at the same check: {refused.Key} {refused.Last().Status}");
            }

            Assert.True(failures.Count == 0, $"{failures.Count} failure(s):\n{string.Join("\n", failures.Order(StringComparer.Ordinal))}");
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>The merged document once every service has contributed its operations.</summary>
    private static async Task<JsonObject> ReadDocumentAsync(HttpClient client)
    {
        JsonObject? document = null;
        await Platform.Testing.Wait.UntilAsync(async () =>
        {
            document = JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/platform.json", UriKind.Relative), Token))!.AsObject();
            return document["x-unavailable"] is JsonArray { Count: 0 };
        }, TimeSpan.FromSeconds(60), "every service's operations in the merged OpenAPI document", Token);
        return document!;
    }

    /// <summary>
    /// Each request's text carried its own marker: a marker in any row of any database (or in what the API lists) must
    /// belong to a request that was accepted.
    /// </summary>
    private async Task<List<string>> RefusedButStoredAsync(Walk walk, HttpClient client)
    {
        var failures = new List<string>();
        foreach (var database in Databases)
        {
            var stored = await StoredMarkersAsync(database, walk.Run);
            if (database == "actorsdb")
            {
                Assert.True(stored.Any(row => row.Number == walk.CompanyNumber), "the search finds what the walk stored: its company in actorsdb");
            }

            foreach (var (table, number) in stored)
            {
                if (!walk.IsAccepted(number))
                {
                    failures.Add($"stored in {database} {table} by a refused request: {walk.Describe(number)}");
                }
            }
        }

        var actors = await client.GetFromJsonAsync<JsonElement>($"/api/actors?q={walk.Prefix}&pageSize=100", Token);
        foreach (var actor in actors.GetProperty("items").EnumerateArray())
        {
            if (walk.MarkerIn(actor.GetProperty("name").GetString()) is { } number && !walk.IsAccepted(number))
            {
                failures.Add($"listed by GET /api/actors after a refused request: {walk.Describe(number)}");
            }
        }

        var lessons = await client.GetFromJsonAsync<JsonElement>("/api/lessons?published=false&pageSize=100", Token);
        foreach (var lesson in lessons.GetProperty("items").EnumerateArray())
        {
            if (walk.MarkerIn(lesson.GetProperty("title").GetString()) is { } number && !walk.IsAccepted(number))
            {
                failures.Add($"listed by GET /api/lessons after a refused request: {walk.Describe(number)}");
            }
        }

        return failures;
    }

    /// <summary>Every (table, request number) whose marker appears in a row of the database, read as an operator would.</summary>
    private async Task<List<(string Table, int Number)>> StoredMarkersAsync(string database, string run)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await platform.App.GetConnectionStringAsync(database, Token)) { Pooling = false };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync(Token);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
            connection))
        await using (var reader = await list.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var found = new List<(string, int)>();
        foreach (var table in tables)
        {
            // The table name comes from the catalogue, quoted by format('%I.%I').
            await using var search = new NpgsqlCommand(
                $"SELECT DISTINCT m[1]::int FROM {table} t, regexp_matches(t::text, @pattern, 'g') AS m WHERE t::text LIKE @like", connection);
            search.Parameters.AddWithValue("pattern", $"{Walk.MarkerStart}{run}n(\\d{{6}})z");
            search.Parameters.AddWithValue("like", $"%{Walk.MarkerStart}{run}n%");
            await using var reader = await search.ExecuteReaderAsync(Token);
            while (await reader.ReadAsync(Token))
            {
                found.Add((table, reader.GetInt32(0)));
            }
        }

        return found;
    }

    /// <summary>One request of the walk: which operation, what is hostile in it, and how to build it (again, after a 429).</summary>
    /// <param name="ServerRefuses">
    /// A path that decodes to U+0000: Kestrel refuses it itself, before any middleware runs, with a bare 400. No 5xx and
    /// nothing stored still hold; a problem body cannot.
    /// </param>
    private sealed record Probe(int Number, string Operation, string Method, string Target, string What, string? ContentType, Func<string>? Body, bool IfMatch, bool ServerRefuses = false);

    private sealed record Outcome(Probe Probe, int Status, string? MediaType, string Body)
    {
        public bool Accepted => Status is >= 200 and < 300;
    }

    /// <summary>A value that is not valid where it is put.</summary>
    /// <param name="Json">The raw JSON for a body field, from the request's marker (null when it has no JSON form).</param>
    /// <param name="Text">The text for a query parameter or a CSV cell (null when it has no text form).</param>
    private sealed record Hostile(string What, Func<string, string>? Json, Func<string, string>? Text);

    /// <summary>What a valid value of a named field is, when the schema alone does not say (enumerations, references, formats in words).</summary>
    private sealed record Hint(Func<Walk, string, int, JsonNode?>? Value)
    {
        public static Hint Omit { get; } = new((Func<Walk, string, int, JsonNode?>?)null);

        public static Hint Of(JsonNode value) => new((_, _, _) => value.DeepClone());

        public static Hint Of(Func<Walk, string, int, JsonNode?> value) => new(value);
    }

    private sealed record Operation(string Method, string Path, JsonObject Node)
    {
        public string Name => $"{Method} {Path}";

        public bool HasPathParameters => Path.Contains('{', StringComparison.Ordinal);

        /// <summary>Where this operation's resources are created: the path up to its first parameter.</summary>
        public string Collection => HasPathParameters ? Path[..(Path.IndexOf("/{", StringComparison.Ordinal))] : Path;
    }

    private sealed class Walk(JsonObject document, IReadOnlyList<HttpClient> clients, Guid municipalityActor)
    {
        public const string Baseline = "baseline (every value valid)";
        public const string MarkerStart = "fz";

        private const string Date = "2026-01-01";

        /// <summary>Valid values by "Schema.property", by property or parameter name, or by "METHOD /path?parameter"; case does not matter.</summary>
        private static readonly Dictionary<string, Hint> Hints = new(StringComparer.OrdinalIgnoreCase)
        {
            ["kind"] = Hint.Of("other"),
            ["organisationNumber"] = Hint.Omit,
            ["municipalityCode"] = Hint.Of("2580"),
            ["municipality"] = Hint.Of("2580"),
            ["municipalityCodes"] = Hint.Of(new JsonArray("2580")),
            ["countyCodes"] = Hint.Of(new JsonArray("25")),
            ["county"] = Hint.Of("25"),
            ["website"] = Hint.Of("https://example.se/"),
            ["email"] = Hint.Of("fuzz@example.se"),
            ["phone"] = Hint.Of("+46 70 123 45 67"),
            ["companyActorId"] = Hint.Of((walk, _, _) => walk._company.ToString()),
            ["actorId"] = Hint.Of((walk, _, _) => walk.MunicipalityActor),
            ["leadActorId"] = Hint.Of((walk, _, _) => walk.MunicipalityActor),
            ["leadActor"] = Hint.Of((walk, _, _) => walk.MunicipalityActor),
            ["convenorActorId"] = Hint.Of((walk, _, _) => walk.MunicipalityActor),
            ["submittedByActorId"] = Hint.Of((walk, _, _) => walk.MunicipalityActor),
            ["submittedBy"] = Hint.Of((walk, _, _) => walk.MunicipalityActor),
            ["attendingActorIds"] = Hint.Of((walk, _, _) => new JsonArray(walk.MunicipalityActor)),
            ["phase"] = Hint.Of("announced"),
            ["scope"] = Hint.Of("regional"),
            ["ForumMemberRequest.role"] = Hint.Of("member"),
            ["ForumMemberRequest.actorId"] = Hint.Of((walk, _, _) => walk._company.ToString()),
            ["ParticipantRequest.role"] = Hint.Of("funding"),
            ["forumId"] = Hint.Of((walk, _, _) => walk.Created("/api/forums")),
            ["forum"] = Hint.Of((walk, _, _) => walk.Created("/api/forums")),
            ["needId"] = Hint.Of((walk, _, _) => walk.Created("/api/needs")),
            ["needIds"] = Hint.Of((walk, _, _) => new JsonArray(walk.Created("/api/needs"))),
            ["challengeIds"] = Hint.Of((walk, _, _) => new JsonArray(walk.Created("/api/challenges"))),
            ["effortIds"] = Hint.Of((walk, _, _) => new JsonArray(walk.Created("/api/efforts"))),
            // A theme no other test uses: the walk's needs and challenges are clustered apart from theirs.
            ["theme"] = Hint.Of("other"),
            ["urgency"] = Hint.Of("high"),
            ["decision"] = Hint.Of("accept"),
            ["neededBy"] = Hint.Of("2100-01-01"),
            ["establishmentId"] = Hint.Omit,
            ["status"] = Hint.Omit,
            ["ChallengeStatusRequest.status"] = Hint.Of("analysed"),
            ["EffortRequest.status"] = Hint.Of("planned"),
            ["ProgressRequest.status"] = Hint.Of("ongoing"),
            ["category"] = Hint.Of("personnel"),
            ["reference"] = Hint.Of((_, _, number) => $"FZ2099/{number}"),
            // An effort of the walk funded by the platform's assignment would spend its budget for the other tests.
            ["fundingAssignment"] = Hint.Omit,
            ["assignment"] = Hint.Of("KN2023/03505"),
            ["budgetYear"] = Hint.Of(2026),
            ["published"] = Hint.Of(false),
            ["format"] = Hint.Of("json"),
            ["from"] = Hint.Of(Date),
            ["to"] = Hint.Of(Date),
            ["GET /api/reports/final?from"] = Hint.Omit,
            ["GET /api/reports/final?to"] = Hint.Omit,
            ["startDate"] = Hint.Of(Date),
            ["endDate"] = Hint.Of(Date),
            ["date"] = Hint.Of(Date),
            ["decisionDate"] = Hint.Of(Date),
            ["reportDueDate"] = Hint.Of(Date),
            ["targetGroup"] = Hint.Of("kommuner"),
            ["q"] = Hint.Of((_, marker, _) => marker),
        };

        /// <summary>The columns of a CSV body, each a field of its own, for the operations that take one.</summary>
        private static readonly Dictionary<string, (string Column, Func<Walk, string, string> Value)[]> CsvColumns = new(StringComparer.Ordinal)
        {
            ["POST /api/needs/import"] =
            [
                ("title", (_, marker) => $"Text {marker}"),
                ("description", (_, marker) => $"Text {marker} description"),
                ("theme", (_, _) => "other"),
                ("municipality_codes", (_, _) => "2580"),
                ("urgency", (_, _) => "high"),
                ("submitted_by_actor_id", (walk, _) => walk.MunicipalityActor),
                ("quantity_value", (_, _) => "1.5"),
                ("quantity_unit", (_, marker) => $"Text {marker}"),
                ("needed_by", (_, _) => "2100-01-01"),
            ],
        };

        private static readonly Hostile Nul = new("U+0000", marker => Quote($"Text\u0000 {marker}"), marker => $"Text\u0000 {marker}");
        private static readonly Hostile Rlo = new("U+202E", marker => Quote($"Text\u202E {marker}"), marker => $"Text\u202E {marker}");
        private static readonly Hostile Formula = new("formula =cmd|'/c calc'!A1", marker => Quote($"=cmd|'/c calc'!A1 {marker}"), marker => $"=cmd|'/c calc'!A1 {marker}");

        private static readonly Hostile Long = new("1 MB string", marker => Quote(marker + new string('x', 1_000_000)), marker => marker + new string('x', 1_000_000));

        /// <summary>A URL of a megabyte is refused by the server itself, before any code of the platform runs; 5,000 characters reach it.</summary>
        private static readonly Hostile LongInUrl = new("5,000-character string", null, marker => marker + new string('x', 5_000));

        private static readonly Hostile[] Dates =
        [
            new("date 9999-12-31", _ => Quote("9999-12-31"), _ => "9999-12-31"),
            new("date 0001-01-01", _ => Quote("0001-01-01"), _ => "0001-01-01"),
            new("date 2024-02-30", _ => Quote("2024-02-30"), _ => "2024-02-30"),
        ];

        private static readonly Hostile[] Numbers =
        [
            new("number 1e400", _ => "1e400", _ => "1e400"),
            new("number -1e400", _ => "-1e400", _ => "-1e400"),
            new("number 9223372036854775808", _ => "9223372036854775808", _ => "9223372036854775808"),
            new("number 2147483648", _ => "2147483648", _ => "2147483648"),
        ];

        private static readonly Hostile StringForNumber = new("text \"500\" for a number", _ => Quote("500"), null);
        private static readonly Hostile TextForNumber = new("text for a number", null, marker => $"Text {marker}");
        private static readonly Hostile ObjectForValue = new("object for a value", marker => $"{{\"value\": {Quote(marker)}}}", null);
        private static readonly Hostile NumberForText = new("number for a text", _ => "2147483648", null);
        private static readonly Hostile TextForStructure = new("text for a list or object", marker => Quote($"Text {marker}"), null);
        private static readonly Hostile TextForFlag = new("text \"500\" for a flag", _ => Quote("500"), _ => "500");
        private static readonly Hostile LastPage = new("page 2147483647", _ => "2147483647", _ => "2147483647");

        private const string NulSegment = "%00";

        private static readonly string[] HostilePathValues = [NulSegment, new string('9', 5_000), "..%2f"];

        private readonly JsonObject _schemas = document["components"]?["schemas"] as JsonObject ?? [];
        private readonly ConcurrentDictionary<string, JsonElement> _created = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<int, Outcome> _outcomes = new();
        private readonly ConcurrentDictionary<int, Probe> _probes = new();
        private readonly ConcurrentBag<string> _failures = [];
        private Guid _company;
        private int _number;

        /// <summary>The request that registered the walk's company.</summary>
        public int CompanyNumber { get; private set; }

        public string Run { get; } = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));

        public string Prefix => $"{MarkerStart}{Run}n";

        public IReadOnlyList<Operation> Operations { get; } = ReadOperations(document);

        public ICollection<Outcome> Outcomes => _outcomes.Values;

        public IEnumerable<string> Failures => _failures;

        private string MunicipalityActor => municipalityActor.ToString();

        /// <summary>The marker of request <paramref name="number"/>: <c>fz</c>, the run, <c>n</c>, six digits, <c>z</c>.</summary>
        public string Marker(int number) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{number:D6}z");

        public int? MarkerIn(string? text)
        {
            var at = text?.IndexOf(Prefix, StringComparison.Ordinal) ?? -1;
            return at >= 0 && int.TryParse(text!.AsSpan(at + Prefix.Length, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
        }

        public bool IsAccepted(int number) => _outcomes.TryGetValue(number, out var outcome) && outcome.Accepted;

        public string Describe(int number) => _outcomes.TryGetValue(number, out var outcome)
            ? $"#{number} {outcome.Probe.Method} {Shorten(outcome.Probe.Target, 200)} [{outcome.Probe.What}] answered {outcome.Status}"
            : _probes.TryGetValue(number, out var probe) ? $"#{number} {probe.Method} {Shorten(probe.Target, 200)} [{probe.What}], no answer" : $"#{number}, never sent";

        public async Task RunAsync()
        {
            _company = await CreateCompanyAsync();

            // The operations without path parameters first: what they create is what the others are called on, and
            // what later bodies refer to (a forum for meetings, a challenge for efforts, an effort for lessons). A 422
            // is tried again for a while: what the walk created in one service reaches the others by events.
            var pending = new List<Operation>();
            foreach (var operation in Operations.Where(operation => !operation.HasPathParameters))
            {
                if (await SendBaselineAsync(operation) == 422)
                {
                    pending.Add(operation);
                }
            }

            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 15;
            while (pending.Count > 0 && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(500, Token);
                var refused = new List<Operation>();
                foreach (var operation in pending)
                {
                    if (await SendBaselineAsync(operation) == 422)
                    {
                        refused.Add(operation);
                    }
                }

                pending = refused;
            }

            var probes = Operations.Where(operation => !operation.HasPathParameters).SelectMany(HostileProbes)
                .Concat(Operations.Where(operation => operation.HasPathParameters).SelectMany(operation => (IEnumerable<Probe>)[BaselineProbe(operation), .. HostileProbes(operation), .. PathProbes(operation)]))
                .ToList();
            var next = 0;
            await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = Token }, async (probe, _) =>
            {
                await SendAsync(clients[Interlocked.Increment(ref next) % clients.Count], probe);
            });
        }

        /// <summary>The company establishments are registered for: of its own, so no hostile request of the walk can deactivate it.</summary>
        private async Task<Guid> CreateCompanyAsync()
        {
            var number = CompanyNumber = NextNumber();
            var body = new JsonObject { ["name"] = $"Fuzz company {Marker(number)}", ["kind"] = "company" }.ToJsonString();
            var outcome = await SendAsync(clients[0], new Probe(number, "POST /api/actors", "POST", "/api/actors", "the walk's company", "application/json", () => body, false));
            Assert.True(outcome.Accepted, $"the walk's company: {outcome.Status} {outcome.Body}");
            return JsonSerializer.Deserialize<JsonElement>(outcome.Body).GetProperty("id").GetGuid();
        }

        /// <summary>The valid request; what it creates is kept by collection.</summary>
        private async Task<int> SendBaselineAsync(Operation operation)
        {
            var outcome = await SendAsync(clients[0], BaselineProbe(operation));
            if (outcome.Status == 201 && operation.Method == "POST")
            {
                _created.TryAdd(operation.Path, JsonSerializer.Deserialize<JsonElement>(outcome.Body));
            }

            return outcome.Status;
        }

        private Probe BaselineProbe(Operation operation)
        {
            var number = NextNumber();
            return new Probe(number, operation.Name, operation.Method, Target(operation, number, null, null), Baseline, ContentType(operation), Body(operation, number, null, null), IfMatch(operation));
        }

        /// <summary>One request per hostile value of each query parameter and each body field.</summary>
        private IEnumerable<Probe> HostileProbes(Operation operation)
        {
            foreach (var parameter in Parameters(operation).Where(parameter => parameter.In == "query"))
            {
                var schema = Resolve(parameter.Schema, out _);
                foreach (var hostile in ForQuery(schema))
                {
                    var number = NextNumber();
                    yield return new Probe(number, operation.Name, operation.Method, Target(operation, number, parameter.Name, hostile.Text!(Marker(number))),
                        $"query {parameter.Name} = {hostile.What}", ContentType(operation), Body(operation, number, null, null), IfMatch(operation));
                }
            }

            if (CsvColumns.TryGetValue(operation.Name, out var columns))
            {
                foreach (var (column, _) in columns)
                {
                    foreach (var hostile in (Hostile[])[Nul, Rlo, Long, Formula, .. Dates, .. Numbers])
                    {
                        var number = NextNumber();
                        yield return new Probe(number, operation.Name, operation.Method, Target(operation, number, null, null), $"csv {column} = {hostile.What}",
                            "text/csv", () => Csv(columns, number, column, hostile.Text!(Marker(number))), IfMatch(operation));
                    }
                }

                yield break;
            }

            if (BodySchema(operation) is not { } body)
            {
                yield break;
            }

            foreach (var (path, schema) in Slots(body, [], 0))
            {
                foreach (var hostile in ForBody(schema))
                {
                    var number = NextNumber();
                    yield return new Probe(number, operation.Name, operation.Method, Target(operation, number, null, null),
                        $"body {Render(path)} = {hostile.What}", ContentType(operation), Body(operation, number, path, hostile), IfMatch(operation));
                }
            }
        }

        /// <summary>Each path parameter as an id that does not exist and as hostile path segments, the rest valid.</summary>
        private IEnumerable<Probe> PathProbes(Operation operation)
        {
            foreach (var parameter in Parameters(operation).Where(parameter => parameter.In == "path"))
            {
                foreach (var value in (string[])[Guid.NewGuid().ToString(), .. HostilePathValues])
                {
                    var number = NextNumber();
                    var target = Target(operation, number, null, null, (parameter.Name, value));
                    yield return new Probe(number, operation.Name, operation.Method, target, $"path {parameter.Name} = {Shorten(value, 40)}", ContentType(operation),
                        Body(operation, number, null, null), IfMatch(operation), ServerRefuses: value == NulSegment);
                }
            }
        }

        private static IEnumerable<Hostile> ForQuery(JsonObject schema) => TypeOf(schema) switch
        {
            "integer" or "number" => [Nul, Rlo, LongInUrl, Formula, TextForNumber, .. Numbers, LastPage],
            "boolean" => [Nul, Rlo, LongInUrl, Formula, TextForFlag],
            _ => [Nul, Rlo, LongInUrl, Formula, .. Dates],
        };

        private static IEnumerable<Hostile> ForBody(JsonObject schema) => TypeOf(schema) switch
        {
            "integer" or "number" => [.. Numbers, StringForNumber, ObjectForValue],
            "boolean" => [TextForFlag, ObjectForValue, NumberForText],
            "array" or "object" => [TextForStructure],
            _ => [Nul, Rlo, Long, Formula, ObjectForValue, NumberForText, .. Dates],
        };

        private async Task<Outcome> SendAsync(HttpClient client, Probe probe)
        {
            _probes[probe.Number] = probe;
            Outcome outcome;
            while (true)
            {
                using var request = new HttpRequestMessage(new HttpMethod(probe.Method), new Uri(probe.Target, UriKind.Relative));
                if (probe.Body is { } body)
                {
                    request.Content = new StringContent(body(), Encoding.UTF8);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(probe.ContentType!) { CharSet = "utf-8" };
                }

                if (probe.IfMatch)
                {
                    request.Headers.TryAddWithoutValidation("If-Match", "*");
                }

                try
                {
                    using var response = await client.SendAsync(request, Token);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), Token);
                        continue;
                    }

                    outcome = new Outcome(probe, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(Token));
                }
                catch (HttpRequestException exception)
                {
                    outcome = new Outcome(probe, 0, null, exception.Message);
                }

                break;
            }

            _outcomes[probe.Number] = outcome;
            var problem = outcome.MediaType == "application/problem+json";
            var bareRefusal = probe.ServerRefuses && outcome.Status == 400 && outcome.Body.Length == 0;
            if (outcome.Status is 0 or >= 500 || (outcome.Status is >= 400 and < 500 and not 404 && !problem && !bareRefusal))
            {
                _failures.Add($"{outcome.Status} {probe.Method} {Shorten(probe.Target, 160)} [{probe.What}] {outcome.MediaType ?? "no content type"}: {Shorten(outcome.Body, 400)}");
            }

            return outcome;
        }

        private string Target(Operation operation, int number, string? hostileParameter, string? hostileValue, (string Name, string Value)? hostilePath = null)
        {
            var path = operation.Path;
            var query = new List<string>();
            foreach (var parameter in Parameters(operation))
            {
                if (parameter.In == "path")
                {
                    var value = hostilePath is { } given && given.Name == parameter.Name
                        ? given.Value
                        : Uri.EscapeDataString(PathValue(operation, parameter.Name));
                    path = path.Replace($"{{{parameter.Name}}}", value, StringComparison.Ordinal);
                }
                else if (parameter.In == "query")
                {
                    var value = parameter.Name == hostileParameter ? hostileValue : QueryValue(operation, parameter, number);
                    if (value is not null)
                    {
                        query.Add($"{Uri.EscapeDataString(parameter.Name)}={Uri.EscapeDataString(value)}");
                    }
                }
            }

            return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
        }

        /// <summary>What the walk created in the parameter's collection (its id, or the field of that name), else a new id.</summary>
        private string PathValue(Operation operation, string name) =>
            _created.TryGetValue(operation.Collection, out var created) && created.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : Guid.NewGuid().ToString();

        /// <summary>A hinted value, a number or a flag; other text parameters are left out, as their valid values are not known.</summary>
        private string? QueryValue(Operation operation, (string Name, string In, JsonNode? Schema) parameter, int number)
        {
            if (FindHint(null, parameter.Name, $"{operation.Name}?{parameter.Name}") is { } hint)
            {
                return hint.Value?.Invoke(this, Marker(number), number) is { } node ? (node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node.ToJsonString()) : null;
            }

            var schema = Resolve(parameter.Schema, out _);
            return TypeOf(schema) switch
            {
                "integer" => "1",
                "number" => "1.5",
                "boolean" => "true",
                _ => schema["format"]?.GetValue<string>() == "uuid" ? Guid.NewGuid().ToString() : null,
            };
        }

        private Func<string>? Body(Operation operation, int number, List<object>? hostilePath, Hostile? hostile)
        {
            if (CsvColumns.TryGetValue(operation.Name, out var columns))
            {
                return () => Csv(columns, number, null, null);
            }

            if (BodySchema(operation) is not { } schema)
            {
                return null;
            }

            var template = Valid(schema, null, null, number, 0) ?? new JsonObject();
            if (hostilePath is null || hostile is null)
            {
                var json = template.ToJsonString();
                return () => json;
            }

            // The hostile value may not be representable as a node (1e400): a placeholder is replaced in the text.
            var placeholder = $"@@{Marker(number)}@@";
            template = SetAt(template, hostilePath, JsonValue.Create(placeholder));
            var text = template.ToJsonString();
            return () => text.Replace(Quote(placeholder), hostile.Json!(Marker(number)), StringComparison.Ordinal);
        }

        private string Csv((string Column, Func<Walk, string, string> Value)[] columns, int number, string? hostileColumn, string? hostileValue)
        {
            var marker = Marker(number);
            static string Cell(string value) => $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            return string.Join(',', columns.Select(column => column.Column)) + "\r\n"
                + string.Join(',', columns.Select(column => Cell(column.Column == hostileColumn ? hostileValue! : column.Value(this, marker)))) + "\r\n";
        }

        /// <summary>A valid-looking value for a schema: a hint for its name, else by type and format, text marked with the request's marker.</summary>
        private JsonNode? Valid(JsonNode? schemaNode, string? owner, string? property, int number, int depth)
        {
            if (property is not null && FindHint(owner, property, null) is { } hint)
            {
                return hint.Value?.Invoke(this, Marker(number), number);
            }

            var schema = Resolve(schemaNode, out var name);
            if (schema["enum"] is JsonArray { Count: > 0 } values)
            {
                return values[0]?.DeepClone();
            }

            switch (TypeOf(schema))
            {
                case "object":
                    var result = new JsonObject();
                    foreach (var (key, value) in schema["properties"] as JsonObject ?? [])
                    {
                        if (depth < 4 && Valid(value, name, key, number, depth + 1) is { } valid)
                        {
                            result[key] = valid;
                        }
                    }

                    return result;
                case "array":
                    return depth < 4 && Valid(schema["items"], name, null, number, depth + 1) is { } item ? new JsonArray(item) : new JsonArray();
                case "integer":
                    return 1;
                case "number":
                    return 1.5m;
                case "boolean":
                    return true;
                default:
                    return schema["format"]?.GetValue<string>() switch
                    {
                        "uuid" => Guid.NewGuid().ToString(),
                        "date" => Date,
                        "date-time" => $"{Date}T00:00:00Z",
                        _ => $"Text {Marker(number)}",
                    };
            }
        }

        private static Hint? FindHint(string? owner, string property, string? operationKey) =>
            (operationKey is not null && Hints.TryGetValue(operationKey, out var byOperation)) ? byOperation
            : owner is not null && Hints.TryGetValue($"{owner}.{property}", out var bySchema) ? bySchema
            : Hints.GetValueOrDefault(property);

        /// <summary>Each field of a body, nested ones (<c>$.contacts[0].email</c>) included, with its schema.</summary>
        private IEnumerable<(List<object> Path, JsonObject Schema)> Slots(JsonNode? schemaNode, List<object> path, int depth)
        {
            var schema = Resolve(schemaNode, out _);
            if (path.Count > 0)
            {
                yield return (path, schema);
            }

            if (depth >= 4)
            {
                yield break;
            }

            switch (TypeOf(schema))
            {
                case "object":
                    foreach (var (key, value) in schema["properties"] as JsonObject ?? [])
                    {
                        foreach (var slot in Slots(value, [.. path, key], depth + 1))
                        {
                            yield return slot;
                        }
                    }

                    break;
                case "array":
                    foreach (var slot in Slots(schema["items"], [.. path, 0], depth + 1))
                    {
                        yield return slot;
                    }

                    break;
            }
        }

        private static JsonNode SetAt(JsonNode root, List<object> path, JsonNode value)
        {
            var node = root;
            for (var i = 0; i < path.Count; i++)
            {
                var last = i == path.Count - 1;
                switch (path[i])
                {
                    case string key:
                        var parent = node as JsonObject ?? throw new InvalidOperationException($"No object at {Render(path)}.");
                        if (last)
                        {
                            parent[key] = value;
                        }
                        else
                        {
                            node = parent[key] ??= path[i + 1] is int ? new JsonArray() : new JsonObject();
                        }

                        break;
                    case int index:
                        var array = node as JsonArray ?? throw new InvalidOperationException($"No array at {Render(path)}.");
                        while (array.Count <= index)
                        {
                            array.Add(path.Count > i + 1 && path[i + 1] is int ? new JsonArray() : last ? null : new JsonObject());
                        }

                        if (last)
                        {
                            array[index] = value;
                        }
                        else
                        {
                            node = array[index] ??= path[i + 1] is int ? new JsonArray() : new JsonObject();
                        }

                        break;
                }
            }

            return root;
        }

        private static JsonNode? BodySchema(Operation operation) =>
            operation.Node["requestBody"]?["content"] is JsonObject content && content.FirstOrDefault() is { Value: { } media } ? media["schema"] : null;

        private static string? ContentType(Operation operation) =>
            operation.Node["requestBody"]?["content"] is JsonObject content && content.Count > 0 ? content.First().Key : null;

        /// <summary>Writes with an id take <c>If-Match: *</c> (any version), so the hostile field is what the service judges.</summary>
        private static bool IfMatch(Operation operation) => operation.HasPathParameters && operation.Method is "POST" or "PUT" or "PATCH" or "DELETE";

        private static IEnumerable<(string Name, string In, JsonNode? Schema)> Parameters(Operation operation) =>
            (operation.Node["parameters"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(parameter => (parameter["name"]!.GetValue<string>(), parameter["in"]!.GetValue<string>(), parameter["schema"]));

        /// <summary>Follows <c>$ref</c> and the <c>oneOf: [null, $ref]</c> of a nullable body, to the schema itself.</summary>
        private JsonObject Resolve(JsonNode? schemaNode, out string? name)
        {
            name = null;
            var schema = schemaNode as JsonObject ?? [];
            for (var depth = 0; depth < 8; depth++)
            {
                if (schema["$ref"]?.GetValue<string>() is { } reference)
                {
                    name = reference[(reference.LastIndexOf('/') + 1)..];
                    schema = _schemas[name] as JsonObject ?? [];
                }
                else if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray choices && choices.OfType<JsonObject>().FirstOrDefault(choice => TypeOf(choice) != "null") is { } choice)
                {
                    schema = choice;
                }
                else
                {
                    break;
                }
            }

            return schema;
        }

        private static string TypeOf(JsonObject schema) => schema["type"] switch
        {
            JsonArray types => types.Select(type => type?.GetValue<string>()).FirstOrDefault(type => type != "null") ?? "null",
            JsonValue type => type.GetValue<string>(),
            _ => schema["properties"] is not null ? "object" : schema["$ref"] is not null || schema["oneOf"] is not null ? "object" : "string",
        };

        private static List<Operation> ReadOperations(JsonObject document) =>
        [
            .. (document["paths"] as JsonObject ?? []).SelectMany(path => (path.Value as JsonObject ?? [])
                .Where(operation => operation.Key is "get" or "post" or "put" or "patch" or "delete")
                .Select(operation => new Operation(operation.Key.ToUpperInvariant(), path.Key, operation.Value!.AsObject()))),
        ];

        private string Created(string collection) =>
            _created.TryGetValue(collection, out var created) && created.TryGetProperty("id", out var id) ? id.GetString()! : Guid.NewGuid().ToString();

        private int NextNumber() => Interlocked.Increment(ref _number);

        private static string Render(List<object> path) =>
            "$" + string.Concat(path.Select(step => step is int index ? $"[{index}]" : $".{step}"));

        private static string Quote(string text) => JsonSerializer.Serialize(text);

        private static string Shorten(string text, int length) => text.Length <= length ? text : $"{text[..length]}… ({text.Length:N0} characters)";
    }
}
