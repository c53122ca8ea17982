using Microsoft.Extensions.Logging;
using System.Globalization;
using nietras.SeparatedValues;
using Platform.Client;
using Platform.Client.Models;

namespace Platform.DemoSeeder;

/// <summary>
/// Demo data in Swedish for a newcomer's first look, through the public API only: a few hundred needs from both
/// counties (the development needs of <c>tests/data/needs-dev.csv</c>, each also told by five other municipalities),
/// triage, efforts funded by KN2023/03505 with spending and progress, meetings and published lessons, all dated in the
/// assignment's period (the second half of 2023), as if typed in from its records. Runs once: its
/// lessons mark a complete run. Actors, companies, establishments and forums are the
/// registry's own (reference and demo data).
/// </summary>
public sealed partial class DemoData(PlatformClient platform, ILogger<DemoData> logger)
{
    public const string Assignment = "KN2023/03505";
    private const int Variants = 5;

    /// <summary>The first day of the assignment's work the demo data tells of; needs were identified in the 26 weeks from it.</summary>
    private static readonly DateOnly WorkBegan = new(2023, 7, 3);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static readonly (string Title, decimal Budget, string Start, string End)[] EffortPlans =
    [
        ("Samordnad bostadsförsörjning för nyanställda", 600_000m, "2023-07-01", "2024-06-30"),
        ("Kompetenslyft för processindustrin", 550_000m, "2023-07-01", "2024-06-30"),
        ("Elnätsplanering för nya etableringar", 500_000m, "2023-08-01", "2024-06-30"),
        ("Yrkesutbildning i samverkan mellan länen", 450_000m, "2023-08-15", "2024-03-31"),
        ("Snabbare tillståndsprocesser för industrin", 400_000m, "2023-09-01", "2024-01-31"),
        ("Kollektivtrafik till industriområdena", 350_000m, "2023-09-01", "2024-06-30"),
        ("Kommunal kapacitet i växande orter", 300_000m, "2023-10-01", "2024-06-30"),
        ("Inflyttarservice för nya medarbetare", 250_000m, "2023-10-01", "2024-01-31"),
    ];

    private static readonly string[] Categories = ["personnel", "consultancy", "events", "travel", "other"];

    private static readonly (string Title, string Text, string[] Groups)[] LessonPlans =
    [
        ("Gemensam bostadsplanering över kommungränser",
            "Kommuner som planerade bostäder tillsammans med arbetsgivarna kunde matcha byggtakten mot rekryteringarna och undvek tomma lägenheter.",
            ["kommuner", "regioner", "bostadsbolag"]),
        ("Yrkesutbildning behöver arbetsgivarnas åtagande",
            "Utbildningar som startades med arbetsgivarnas löfte om anställning fylldes snabbare och hade färre avhopp.",
            ["kommuner", "utbildningsanordnare", "företag"]),
        ("Tidig dialog om elnätskapacitet",
            "När nätägare, kommuner och företag delade sina prognoser tidigt kunde nätförstärkningar planeras i rätt ordning.",
            ["myndigheter", "nätägare", "kommuner"]),
        ("Länsöverskridande samverkan sparar tid",
            "Ett gemensamt forum för båda länen gjorde att samma behov inte utreddes två gånger och att insatser kunde delas.",
            ["regioner", "länsstyrelser", "myndigheter"]),
    ];

    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        // The lessons come last: their target group marks a complete run (an interrupted one runs again).
        if ((await platform.Reporting.ListLessonsAsync(targetGroup: LessonPlans[0].Groups[^1], cancellationToken: cancellationToken)).Total > 0)
        {
            LogAlreadySeeded(logger);
            return false;
        }

        var municipalities = await MunicipalitiesAsync(cancellationToken);
        var names = (await platform.Geography.ListMunicipalitiesAsync(pageSize: 100, cancellationToken: cancellationToken)).Items
            .ToDictionary(municipality => municipality.Code, municipality => municipality.Name, StringComparer.Ordinal);
        var imported = await UntilAsync(async () =>
        {
            try
            {
                return await platform.Needs.ImportCsvAsync(NeedsCsv(municipalities, names), cancellationToken);
            }
            catch (UnprocessableException)
            {
                return null; // needs-intake has not yet heard of every municipality from the registry
            }
        }, "needs-intake to know the municipalities", cancellationToken);
        LogImported(logger, imported.Imported);

        var ids = imported.Needs.Select(need => need.Id).ToHashSet();
        var challenges = await UntilAsync(async () =>
        {
            var all = await AllChallengesAsync(cancellationToken);
            return all.Sum(challenge => challenge.NeedIds.Count(ids.Contains)) >= ids.Count ? all : null;
        }, "every need clustered into a challenge", cancellationToken);

        await TriageAsync(imported.Needs.Select(need => need.Id).ToList(), cancellationToken);
        var efforts = await EffortsAsync(challenges, municipalities, cancellationToken);
        await MeetingsAsync(challenges, municipalities, cancellationToken);
        await LessonsAsync(efforts, cancellationToken);
        LogSeeded(logger, imported.Imported, challenges.Count(challenge => challenge.NeedIds.Any(ids.Contains)), efforts.Count);
        return true;
    }

    private async Task<Dictionary<string, Actor>> MunicipalitiesAsync(CancellationToken cancellationToken) =>
        await UntilAsync(async () =>
        {
            var page = await platform.Actors.SearchAsync(kind: "municipality", pageSize: 100, cancellationToken: cancellationToken);
            return page.Items.Count == 29 ? page.Items.ToDictionary(actor => actor.MunicipalityCode!, StringComparer.Ordinal) : null;
        }, "the registry's 29 municipalities", cancellationToken);

    /// <summary>
    /// The development needs, each submitted by the municipality it names, and five variants: the same need told by
    /// municipalities of both counties (the name changed in title and description).
    /// </summary>
    private static string NeedsCsv(IReadOnlyDictionary<string, Actor> municipalities, IReadOnlyDictionary<string, string> names)
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream("needs-dev.csv")!;
        using var source = Sep.Reader().From(stream);
        var columns = source.Header.ColNames;
        var codes = municipalities.Keys.Order(StringComparer.Ordinal).ToList();
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        using (var csv = (Sep.New(',').Writer() with { Escape = true }).To(text, leaveOpen: true))
        {
            var row = 0;
            foreach (var record in source)
            {
                var need = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var column in columns)
                {
                    need[column] = record[column].ToString();
                }

                var own = need["municipality_codes"].Split(';')[0];
                need["identified_on"] = IdentifiedOn(row, 0);
                Write(csv, need, municipalities[own].Id);
                for (var variant = 1; variant <= Variants; variant++)
                {
                    var other = codes[((row * 7) + (variant * 5)) % codes.Count];
                    if (other != own)
                    {
                        // The same need told by another municipality: its name in place of the first one's.
                        var told = new Dictionary<string, string>(need, StringComparer.Ordinal)
                        {
                            ["key"] = $"{need["key"]}-{variant}",
                            ["municipality_codes"] = other,
                            ["title"] = need["title"].Replace(names[own], names[other], StringComparison.Ordinal),
                            ["description"] = need["description"].Replace(names[own], names[other], StringComparison.Ordinal),
                            ["identified_on"] = IdentifiedOn(row, variant),
                        };
                        Write(csv, told, municipalities[other].Id);
                    }
                }

                row++;
            }
        }

        return text.ToString();
    }

    /// <summary>The day a need was identified: spread over the 26 weeks from <see cref="WorkBegan"/>.</summary>
    private static string IdentifiedOn(int row, int variant) =>
        WorkBegan.AddDays(((row * 11) + (variant * 17)) % 182).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One row of the import: the source's columns and the submitting municipality.</summary>
    private static void Write(SepWriter csv, IReadOnlyDictionary<string, string> need, Guid submittedBy)
    {
        using var row = csv.NewRow();
        foreach (var (column, value) in need)
        {
            row[column].Set(value);
        }

        row["submitted_by_actor_id"].Set(submittedBy.ToString());
    }

    private async Task<List<Challenge>> AllChallengesAsync(CancellationToken cancellationToken)
    {
        var challenges = new List<Challenge>();
        for (var page = 1; ; page++)
        {
            var result = await platform.Challenges.ListAsync(pageSize: 100, page: page, cancellationToken: cancellationToken);
            challenges.AddRange(result.Items);
            if (challenges.Count >= result.Total || result.Items.Count == 0)
            {
                return challenges;
            }
        }
    }

    /// <summary>A coordinator's triage: every third need accepted, a few duplicates rejected.</summary>
    private async Task TriageAsync(IReadOnlyList<Guid> needs, CancellationToken cancellationToken)
    {
        for (var i = 0; i < needs.Count; i += 3)
        {
            var id = needs[i];
            var reject = i % 45 == 0;
            // A need changes when its challenge link arrives: read again when the triage is stale.
            await OptimisticConcurrency.RetryWhenStaleAsync(async () =>
            {
                var need = await platform.Needs.GetAsync(id, cancellationToken).WithETagAsync();
                return await platform.Needs.TriageAsync(id, reject
                    ? new TriageRequest("reject", Reason: "Dubblett av ett behov som redan hanteras.")
                    : new TriageRequest("accept"), need.ETag, cancellationToken).WithETagAsync();
            });
        }
    }

    /// <summary>Efforts for the largest challenges, funded by the assignment: spending, progress, two completed.</summary>
    private async Task<List<Effort>> EffortsAsync(IReadOnlyList<Challenge> challenges, IReadOnlyDictionary<string, Actor> municipalities, CancellationToken cancellationToken)
    {
        var regions = (await platform.Actors.SearchAsync(kind: "region", cancellationToken: cancellationToken)).Items;
        var targets = challenges.Where(challenge => challenge.Status != "archived").OrderByDescending(challenge => challenge.NeedIds.Count).Take(EffortPlans.Length).ToList();
        var efforts = new List<Effort>();
        foreach (var (challenge, index) in targets.Select((challenge, index) => (challenge, index)))
        {
            var plan = EffortPlans[index];
            var lead = regions[index % regions.Count];
            var partner = municipalities.Values.OrderBy(actor => actor.MunicipalityCode, StringComparer.Ordinal).ElementAt((index * 11) % municipalities.Count);
            var effort = await platform.Efforts.LaunchAsync(new EffortRequest(plan.Title, [challenge.Id], lead.Id, plan.Start, plan.End, plan.Budget,
                [new Participant(lead.Id, "accountable"), new Participant(partner.Id, "implementing")], "ongoing", Assignment), cancellationToken).WithETagAsync();
            var start = DateOnly.ParseExact(plan.Start, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (var month = 0; month < 3 + (index % 3); month++)
            {
                var amount = Math.Round(plan.Budget * (0.08m + (0.03m * ((index + month) % 4))) + 0.37m * month, 2);
                await platform.Efforts.RecordExpenditureAsync(effort.Value.Id, new ExpenditureRequest(
                    start.AddMonths(month).AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), amount, Categories[(index + month) % Categories.Length],
                    $"Månadskostnad {month + 1}"), cancellationToken: cancellationToken).WithETagAsync();
            }

            var completed = index >= EffortPlans.Length - 2;
            var progressed = await OptimisticConcurrency.RetryWhenStaleAsync(async () =>
            {
                var current = await platform.Efforts.GetAsync(effort.Value.Id, cancellationToken).WithETagAsync();
                return await platform.Efforts.ReportProgressAsync(effort.Value.Id, new ProgressRequest(completed ? 100 : 30 + (index * 8),
                    completed ? "completed" : null, completed ? "Insatsen är genomförd." : "Arbetet pågår enligt plan."), current.ETag, cancellationToken).WithETagAsync();
            });
            efforts.Add(progressed.Value);

            // Challenges change as the triage's events arrive: read again when the change is stale.
            await OptimisticConcurrency.RetryWhenStaleAsync(async () =>
            {
                var target = await platform.Challenges.GetAsync(challenge.Id, cancellationToken).WithETagAsync();
                return await platform.Challenges.ChangeStatusAsync(challenge.Id, new ChallengeStatusRequest("addressed", $"Insats: {plan.Title}"), target.ETag, cancellationToken).WithETagAsync();
            });
        }

        return efforts;
    }

    private async Task MeetingsAsync(IReadOnlyList<Challenge> challenges, IReadOnlyDictionary<string, Actor> municipalities, CancellationToken cancellationToken)
    {
        var forum = (await platform.Forums.ListAsync(scope: "cross-county", cancellationToken: cancellationToken)).Items.FirstOrDefault();
        var largest = challenges.OrderByDescending(challenge => challenge.NeedIds.Count).Take(6).ToList();
        string[] titles = ["Dialogmöte om bostadsförsörjning", "Dialogmöte om kompetensförsörjning", "Dialogmöte om elnät och energi", "Dialogmöte om infrastruktur"];
        for (var i = 0; i < titles.Length; i++)
        {
            var meeting = new MeetingRequest(new DateOnly(2023, 9, 12).AddDays(i * 28), titles[i], forum?.Id,
                "Lägesbild, behov från kommunerna, pågående insatser.", "Parterna enades om nästa steg och ansvarsfördelning.",
                [.. municipalities.Values.Skip(i * 5).Take(6).Select(actor => actor.Id)], [.. largest.Skip(i).Take(1).SelectMany(challenge => challenge.NeedIds.Take(3))],
                [.. largest.Skip(i).Take(2).Select(challenge => challenge.Id)]);
            await UntilAsync(async () =>
            {
                try
                {
                    return await platform.Meetings.RecordAsync(meeting, cancellationToken);
                }
                catch (UnprocessableException)
                {
                    return null; // the registry has not yet heard of every need and challenge the meeting links
                }
            }, "the registry to know the meeting's needs and challenges", cancellationToken);
        }
    }

    /// <summary>Published lessons, once reporting knows the efforts they cite.</summary>
    private async Task LessonsAsync(IReadOnlyList<Effort> efforts, CancellationToken cancellationToken)
    {
        foreach (var (lesson, index) in LessonPlans.Select((lesson, index) => (lesson, index)))
        {
            var effort = efforts[index % efforts.Count];
            await UntilAsync(async () =>
            {
                try
                {
                    return await platform.Reporting.CreateLessonAsync(new LessonRequest(lesson.Title, lesson.Text, lesson.Groups, [effort.Id], effort.ChallengeIds, true,
                        DocumentedOn: new DateOnly(2023, 11, 20).AddDays(index * 9).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                        cancellationToken).WithETagAsync();
                }
                catch (UnprocessableException)
                {
                    return null;
                }
            }, "reporting to know the efforts", cancellationToken);
        }
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> attempt, string what, CancellationToken cancellationToken)
        where T : class
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            if (TimeProvider.System.GetElapsedTime(started) > Patience)
            {
                throw new TimeoutException($"Demo data: gave up waiting for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data is already in place; nothing to do")]
    private static partial void LogAlreadySeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Count} needs imported")]
    private static partial void LogImported(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data in place: {Needs} needs in {Challenges} challenges, {Efforts} efforts with spending, meetings and lessons")]
    private static partial void LogSeeded(ILogger logger, int needs, int challenges, int efforts);
}
