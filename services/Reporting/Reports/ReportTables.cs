using System.Globalization;
using Platform.Client.Models;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Reports;

/// <summary>A table of a report: a sheet in xlsx, a table in HTML and Markdown, rows of the long CSV.</summary>
/// <param name="Name">Short name (a worksheet's, at most 31 characters).</param>
/// <param name="Heading">The heading it appears under in the documents.</param>
public sealed record ReportTable(string Name, string Heading, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, string? Note = null);

/// <summary>A chapter of the report: a written section (or the assignment's facts) and the tables under it.</summary>
/// <param name="Key">The section's key (<see cref="ReportWriting.Sections"/>), or <c>assignment</c>.</param>
public sealed record ReportPart(string Key, string Heading, IReadOnlyList<string> Tables);

/// <summary>
/// The report as tables with Swedish headings, in the order the documents present them. Every format is drawn from
/// these tables (and the same document), so the figures agree across formats. Cells are strings, whole numbers
/// (<see cref="long"/>), amounts in kronor (<see cref="decimal"/>), dates (<see cref="DateOnly"/>) or yes/no (<see cref="bool"/>).
/// </summary>
public static class ReportTables
{
    public const string Assignment = "Uppdrag";
    public const string Efforts = "Insatser";
    public const string Results = "Resultat";
    public const string Forums = "Samverkansforum";
    public const string Meetings = "Dialogmöten";
    public const string Dialogue = "Dialog med parterna";
    public const string Unreached = "Ej nådda parter";
    public const string Challenges = "Utmaningar";
    public const string NeedsByThemeAndCounty = "Behov per tema och län";
    public const string NeedsByStatus = "Behov per status";
    public const string Lessons = "Lärdomar";
    public const string Finance = "Ekonomisk redovisning";
    public const string SpendingByCategory = "Utfall per kategori";
    public const string SpendingByEffort = "Utfall per insats";
    public const string OutsideBudgetYear = "Utanför budgetåret";
    public const string Changes = "Ändringar sedan version";
    public const string Cover = "Försättsblad";
    public const string Sections = "Textavsnitt";

    /// <summary>What the account calls the agency's own costs outside the efforts.</summary>
    public const string AgencyCostsTitle = "Tillväxtverkets egna kostnader";

    /// <summary>The chapters in the order a ministry reader expects, each with the tables that support its text.</summary>
    public static readonly IReadOnlyList<ReportPart> Layout =
    [
        Part("summary"),
        new("assignment", "Uppdraget", [Assignment]),
        Part("collaboration", Forums, Meetings),
        Part("efforts", Efforts, Results, Challenges, NeedsByThemeAndCounty, NeedsByStatus),
        Part("lessons", Lessons),
        Part("dialogue", Dialogue, Unreached),
        Part("structures"),
        Part("finance", Finance, SpendingByCategory, SpendingByEffort, OutsideBudgetYear),
        Part("conclusions"),
    ];

    private static ReportPart Part(string key, params string[] tables) => new(key, ReportWriting.Section(key)!.Title, tables);

    /// <summary>The cover's facts as (term, value), in the order of a letter's head.</summary>
    public static IReadOnlyList<(string Term, string Value)> CoverRows(ReportCover cover)
    {
        ArgumentNullException.ThrowIfNull(cover);
        return
        [
            ("Från", cover.Sender),
            ("Till", cover.Recipient),
            ("Regeringsbeslut", cover.DecisionTitle),
            ("Regeringskansliets diarienummer", cover.DecisionNumber),
            ("Tillväxtverkets diarienummer", cover.AgencyCaseNumber ?? "Ej angivet"),
            ("Datum", cover.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>The sentence a report closes with: who decided it and who presented it.</summary>
    public static string DecisionSentence(ReportCover cover)
    {
        ArgumentNullException.ThrowIfNull(cover);
        return cover is { DecidedBy: { } decided, PresentedBy: { } presented }
            ? $"Beslut i detta ärende har fattats av {decided}. Föredragande har varit {presented}."
            : "Uppgifter om vem som har beslutat i ärendet och vem som har varit föredragande saknas ännu.";
    }

    /// <summary>The tables in the order every format presents them: the changes, the cover, the chapters' tables, the written sections.</summary>
    private static readonly List<string> Order = [Changes, Cover, .. Layout.SelectMany(part => part.Tables), Sections];

    public static IReadOnlyList<ReportTable> From(ReportDocument report) =>
        [.. Tables(report).OrderBy(table => Order.IndexOf(table.Name))];

    private static IEnumerable<ReportTable> Tables(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var assignment = report.Assignment;
        var finance = report.Finance;
        return
        [
            .. report.SinceVersion is { Changes.Count: > 0 } since
                ? [new ReportTable(Changes, $"Ändringar sedan fastställd version {since.Version.Number}", ["Uppgift", $"Version {since.Version.Number}", "Nu"],
                    [.. since.Changes.Select(change => new object?[] { change.Figure, Figure(change, change.Then), Figure(change, change.Now) })])]
                : Array.Empty<ReportTable>(),
            new(Cover, "Försättsblad", ["Uppgift", "Värde"],
                [.. CoverRows(report.Cover).Select(row => new object?[] { row.Term, row.Value }), ["Beslut", DecisionSentence(report.Cover)]]),
            new(Assignment, "Uppdraget", ["Uppgift", "Värde"],
            [
                ["Diarienummer", assignment.Reference],
                ["Uppdrag", assignment.Title],
                ["Beslutsdatum", assignment.DecisionDate],
                ["Redovisas senast", assignment.ReportDueDate],
                ["Anslag", assignment.Appropriation],
                ["Utgiftsområde", assignment.ExpenditureArea ?? string.Empty],
                ["Budgetår", Year(assignment.BudgetYear)],
                ["Tilldelade medel (kr)", assignment.BudgetSek],
            ]),
            new(Efforts, "Genomförda och pågående insatser",
                ["Insats", "Status", "Ansvarig aktör", "Start", "Slut", "Budget (kr)", "Utfall (kr)", "Ackumulerat utfall (kr)", "Framsteg (%)"],
                [.. report.Efforts.Select(effort => new object?[]
                {
                    effort.Title, SwedishNames.EffortStatus(effort.Status), effort.LeadActor ?? string.Empty, effort.StartDate, effort.EndDate, effort.BudgetSek,
                    effort.SpentSek, effort.SpentToDateSek, effort.ProgressPercent is { } percent ? (long)percent : null,
                })]),
            new(Results, "Resultat per insats (indikatorer)", ["Insats", "Indikator", "Enhet", "Utgångsvärde", "Mål", "Utfall", "Uppnått (%)"],
                [.. report.Indicators.Select(indicator => new object?[]
                {
                    indicator.Effort, indicator.Name, indicator.Unit, Measure(indicator.Baseline), Measure(indicator.Target),
                    indicator.Actual is { } actual ? Measure(actual) : null, indicator.AchievedPercent is { } percent ? (long)percent : null,
                })],
                "Uppnått anger hur stor del av vägen från utgångsvärdet till målet som utfallet har kommit."),
            new(Forums, "Samverkansforum", ["Forum", "Omfattning", "Medlemmar", "Möten"],
                [.. report.Forums.Select(forum => new object?[] { forum.Name, Swedish.ForumScope(forum.Scope), (long)forum.Members, (long)forum.Meetings })]),
            new(Meetings, "Dialogmöten", ["Datum", "Möte", "Forum", "Deltagande aktörer", "Behandlade behov", "Behandlade utmaningar"],
                [.. report.Meetings.Select(meeting => new object?[]
                {
                    meeting.Date, meeting.Title, meeting.Forum ?? string.Empty, (long)meeting.AttendingActors, (long)meeting.Needs, (long)meeting.Challenges,
                })]),
            new(Dialogue, "Dialog med de parter som beslutet nämner", ["Part", "Aktörer", "Nådda", "Forum", "Möten"],
                [.. report.Dialogue.Parties.Select(party => new object?[] { party.Party, (long)party.Actors, (long)party.Reached, (long)party.Forums, (long)party.Meetings })],
                "En aktör är nådd när den är medlem i något av redovisningens samverkansforum eller har deltagit i något av dess dialogmöten. "
                + "Forum och Möten räknar de forum och möten där parten har deltagit."),
            new(Unreached, "Parter som dialogen inte har nått", ["Part", "Aktör"],
                [.. report.Dialogue.Unreached.Select(party => new object?[] { party.Party, party.Actor })],
                "Företag räknas men listas inte."),
            new(Challenges, "Tematiska utmaningar (länsöverskridande först)",
                ["Referens", "Tema", "Utmaning", "Status", "Behov", "Län", "Länsöverskridande", "Insatser"],
                [.. report.Challenges.Select(challenge => new object?[]
                {
                    challenge.Reference, Swedish.Theme(challenge.Theme), challenge.Title, SwedishNames.ChallengeStatus(challenge.Status), challenge.NeedCount,
                    string.Join(", ", challenge.CountyCodes.Select(Swedish.County)), challenge.CrossCounty, (long)challenge.EffortCount,
                })]),
            NeedsPerThemeAndCounty(report.Needs),
            new(NeedsByStatus, "Behov per status", ["Status", "Behov"],
                [.. report.Needs.ByStatus.Select(count => new object?[] { SwedishNames.NeedStatus(count.Status), count.Count }), ["Totalt", report.Needs.Total]]),
            new(Lessons, "Lärdomar", ["Lärdom", "Målgrupper", "Dokumenterad", "Text"],
                [.. report.Lessons.Select(lesson => new object?[]
                {
                    lesson.Title, string.Join(", ", lesson.TargetGroups), lesson.DocumentedOn ?? (lesson.PublishedAt is { } at ? SwedishTime.DateOf(at) : null), lesson.Text,
                })]),
            new(Finance, "Ekonomisk redovisning", ["Post", "Belopp (kr)"],
            [
                ["Tilldelade medel", finance.BudgetSek],
                [report.Kind == "final" ? "Utfall" : "Utfall under perioden", finance.SpentSek],
                ["Ackumulerat utfall", finance.SpentToDateSek],
                ["Återstående medel", finance.RemainingSek],
                [$"Därav i utfallet: {AgencyCostsTitle} utanför insatserna", finance.AgencyCostsSek],
            ],
            $"Utfallet avser utgifter daterade under budgetåret {Year(finance.BudgetYear)}; utgifter utanför budgetåret redovisas för sig och ingår inte."),
            CostTypeTable(report, finance),
            new(SpendingByEffort, "Utfall per insats", ["Insats", "Budget (kr)", "Utfall (kr)", "Ackumulerat utfall (kr)", "Över budget"],
                [.. finance.ByEffort.Select(effort => new object?[] { effort.Title, effort.BudgetSek, effort.SpentSek, effort.SpentToDateSek, effort.OverBudget })]),
            new(OutsideBudgetYear, $"Utgifter utanför budgetåret {Year(finance.BudgetYear)}", ["Datum", "Insats", "Kostnadsslag", "Belopp (kr)"],
                [
                    .. finance.OutsideBudgetYear.Select(expenditure => new object?[]
                    {
                        expenditure.Date, expenditure.Effort, CostTypes.SwedishName(expenditure.Category), expenditure.AmountSek,
                    }),
                    .. finance.OutsideBudgetYear.Count == 0 ? Array.Empty<object?[]>() : [["Totalt", null, null, finance.OutsideBudgetYearSek]],
                ],
                "Utgifterna belastar inte budgetårets anslag och ingår inte i utfallet ovan."),
            new(Sections, "Textavsnitt", ["Avsnitt", "Text"],
                [.. report.Sections.Where(section => section.Text.Length > 0).Select(section => new object?[] { section.Title, section.Text })]),
        ];
    }

    /// <summary>A measured value: a whole number as a count ("120", not "120,00"), a fraction as it is.</summary>
    private static object Measure(decimal value) =>
        value == decimal.Truncate(value) && value is >= long.MinValue and <= long.MaxValue ? (object)(long)value : value;

    /// <summary>A year is a name, not an amount: "2023", never "2 023".</summary>
    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    /// <summary>The budget plan per cost type against the outcome, with the difference and what the figures are.</summary>
    private static ReportTable CostTypeTable(ReportDocument report, FinanceReport finance)
    {
        var lines = finance.ByCostType ?? [.. finance.ByCategory.Select(category => new CostTypeOutcome(category.Category, 0m, category.SpentSek, -category.SpentSek))];
        var planned = lines.Sum(line => line.PlannedSek);
        var note = finance.BudgetPlanVersion == 0
            ? "Ingen budget per kostnadsslag är registrerad; avvikelsen är därför utfallet med omvänt tecken."
            : $"Budget enligt budgetplan version {finance.BudgetPlanVersion}. Avvikelse är budget minus utfall; ett negativt belopp betyder att mer har använts än planerat.";
        if (report.Kind != "final")
        {
            note += " Utfallet avser perioden, budgeten hela budgetåret.";
        }

        return new(SpendingByCategory, "Budget och utfall per kostnadsslag", ["Kostnadsslag", "Budget (kr)", "Utfall (kr)", "Avvikelse (kr)"],
            [
                .. lines.Select(line => new object?[] { CostTypes.SwedishName(line.Category), line.PlannedSek, line.SpentSek, line.DifferenceSek }),
                ["Totalt", planned, finance.SpentSek, planned - finance.SpentSek],
            ],
            note);
    }

    /// <summary>An amount in kronor as it is, a count as a whole number.</summary>
    private static object Figure(ReportChange change, decimal value) => change.Figure.EndsWith("(kr)", StringComparison.Ordinal) ? value : (long)value;

    /// <summary>Needs per theme in each county; a need affecting both counties counts in both, the total counts it once.</summary>
    private static ReportTable NeedsPerThemeAndCounty(NeedStatistics needs)
    {
        var counties = Geography.Counties;
        var rows = Themes.All
            .Select(theme => (object?[])
            [
                theme.NameSv,
                .. counties.Select(county => (object?)needs.ByThemeCountyStatus.Where(count => count.Theme == theme.Code && count.CountyCode == county.Code).Sum(count => count.Count)),
                needs.ByTheme.FirstOrDefault(count => count.Theme == theme.Code)?.Count ?? 0L,
            ])
            .ToList();
        rows.Add(["Totalt", .. counties.Select(county => (object?)(needs.ByCounty.FirstOrDefault(count => count.CountyCode == county.Code)?.Count ?? 0L)), needs.Total]);
        return new ReportTable(NeedsByThemeAndCounty, "Behov per tema och län", ["Tema", .. counties.Select(county => county.Name), "Totalt"], rows,
            "Ett behov som berör båda länen räknas i vardera läns kolumn men en gång i kolumnen Totalt.");
    }

    /// <summary>Invariant text of a cell, for CSV: ISO dates, amounts with two decimals and a point, yes/no in Swedish.</summary>
    public static string Invariant(object? cell) => cell switch
    {
        null => string.Empty,
        decimal amount => amount.ToString("0.00", CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "ja" : "nej",
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>Swedish text of a cell, for documents: space-grouped numbers, decimal comma, ISO dates.</summary>
    public static string Display(object? cell) => cell switch
    {
        decimal amount => amount.ToString("#,0.00", Swedish.Numbers),
        long number => number.ToString("#,0", Swedish.Numbers),
        _ => Invariant(cell),
    };
}

/// <summary>Swedish names of the codes the reports show.</summary>
public static class Swedish
{
    /// <summary>Swedish number format independent of the host's culture data: non-breaking space groups, decimal comma.</summary>
    public static readonly NumberFormatInfo Numbers = new() { NumberGroupSeparator = "\u00a0", NumberDecimalSeparator = ",", NegativeSign = "-" };

    public static string Theme(string code) => Themes.All.FirstOrDefault(theme => theme.Code == code)?.NameSv ?? code;


    public static string County(string code) => Geography.Counties.FirstOrDefault(county => county.Code == code)?.Name ?? code;

    public static string ForumScope(string scope) => scope switch
    {
        "national" => "Nationellt",
        "regional" => "Regionalt",
        "cross-county" => "Länsöverskridande",
        _ => scope,
    };
}
