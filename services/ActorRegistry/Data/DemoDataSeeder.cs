using Npgsql;
using Platform.Messaging.Data;

namespace Platform.ActorRegistry.Data;

/// <summary>
/// Development only: the companies behind the large establishments (green steel in Boden, batteries in Skellefteå,
/// mining in Kiruna and Gällivare), their establishments, two forums and a dialogue meeting, so a newcomer sees a
/// living registry. Seeded once, with stable ids, through the same stores as the API (so events are published).
/// </summary>
public sealed partial class DemoDataSeeder(
    NpgsqlDataSource dataSource, ActorStore actors, EstablishmentStore establishments, ForumStore forums, MeetingStore meetings, ILogger<DemoDataSeeder> logger)
    : IHostedService
{
    private const string Seed = "seed:demo";
    private static readonly Editor Seeder = new(Seed, IsCoordinator: true, ActorId: null);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var seeding = await DatabaseLock.AcquireAsync(connection, ReferenceActorsSeeder.SeedLockKey, cancellationToken);
        var stegra = await CompanyAsync("stegra", "Stegra AB", "2582", cancellationToken);
        var northvolt = await CompanyAsync("northvolt", "Northvolt Ett AB", "2482", cancellationToken);
        var lkab = await CompanyAsync("lkab", "Luossavaara-Kiirunavaara AB (LKAB)", "2584", cancellationToken);
        var hybrit = await CompanyAsync("hybrit", "Hybrit Development AB", "2580", cancellationToken);

        await EstablishmentAsync("stegra-boden", new(stegra, "Stegra grönt stål Boden", "Grönt stål och vätgas", "2582", 65_000_000_000m, 1_500, "construction", new DateOnly(2021, 2, 23), new DateOnly(2026, 12, 31)), cancellationToken);
        await EstablishmentAsync("northvolt-ett", new(northvolt, "Northvolt Ett batterifabrik", "Battericeller", "2482", 40_000_000_000m, 3_000, "paused", new DateOnly(2017, 6, 12), null), cancellationToken);
        await EstablishmentAsync("lkab-kiruna", new(lkab, "LKAB Kirunagruvan, ny huvudnivå", "Gruvdrift", "2584", 12_000_000_000m, 400, "construction", new DateOnly(2022, 11, 1), new DateOnly(2030, 1, 1)), cancellationToken);
        await EstablishmentAsync("lkab-gallivare", new(lkab, "LKAB järnsvamp Gällivare", "Fossilfri järnsvamp", "2523", 45_000_000_000m, 1_000, "permitting", new DateOnly(2023, 6, 1), new DateOnly(2029, 12, 31)), cancellationToken);
        await EstablishmentAsync("hybrit-gallivare", new(hybrit, "HYBRIT demonstrationsanläggning Gällivare", "Vätgasreduktion", "2523", 10_000_000_000m, 200, "permitting", new DateOnly(2022, 3, 1), null), cancellationToken);

        var tillvaxtverket = ReferenceActors.IdFor("agency:tillvaxtverket");
        var forum = await ForumAsync("samverkan-norr", new("Samverkansforum för samhällsomvandlingen i norr",
            "Långsiktig samverkan mellan staten, regionerna, länsstyrelserna, kommunerna och näringslivet om den nya industrialiseringen.",
            "cross-county", tillvaxtverket, [Platform.Reference.Assignments.NorthernIndustrialisation]), [
                (ReferenceActors.IdFor("region:25"), "member"), (ReferenceActors.IdFor("region:24"), "member"),
                (ReferenceActors.IdFor("county-board:25"), "member"), (ReferenceActors.IdFor("county-board:24"), "member"),
                (ReferenceActors.IdFor("agency:trafikverket"), "member"), (ReferenceActors.IdFor("agency:svk"), "member"),
            ], cancellationToken);
        await ForumAsync("kompetens-norrbotten", new("Kompetensförsörjningsrådet Norrbotten",
            "Utbildning och kompetensinflyttning för etableringarna i Norrbotten.", "regional", ReferenceActors.IdFor("region:25")), [
                (ReferenceActors.IdFor("agency:arbetsformedlingen"), "member"), (ReferenceActors.IdFor("agency:myh"), "member"),
                (ReferenceActors.IdFor("academia:ltu"), "member"),
            ], cancellationToken);

        if (forum is { } forumId && (await meetings.ListMeetingsAsync(new MeetingQuery(ForumId: forumId), new PageRequest(1, 1), cancellationToken)).Total == 0)
        {
            await meetings.RecordMeetingAsync(ReferenceActors.IdFor("meeting:samverkan-norr-1"), MeetingRules.ToData(new MeetingRequest(
                new DateOnly(2023, 9, 14), forumId, "Dialogmöte om bostäder och elnät", "1. Bostadsbehov i Boden och Gällivare\n2. Elnätskapacitet",
                "Behoven av bostäder och elnät är likartade i båda länen; en gemensam insats bereds.",
                [tillvaxtverket, ReferenceActors.IdFor("region:25"), ReferenceActors.IdFor("region:24"), ReferenceActors.IdFor("agency:svk")], [], [])),
                Seed, cancellationToken);
        }

        LogSeeded(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<Guid> CompanyAsync(string key, string name, string municipalityCode, CancellationToken cancellationToken)
    {
        var id = ReferenceActors.IdFor($"company:{key}");
        if (await actors.GetAsync(id, cancellationToken) is null)
        {
            await actors.CreateAsync(id, ActorRules.ToData(new ActorRequest(name, ActorKinds.Company, null, municipalityCode, null, null, null)), Seeder, Seed, cancellationToken);
        }

        return id;
    }

    private async Task EstablishmentAsync(string key, EstablishmentRequest request, CancellationToken cancellationToken)
    {
        var id = ReferenceActors.IdFor($"establishment:{key}");
        if (await establishments.GetAsync(id, cancellationToken) is null)
        {
            await establishments.CreateAsync(id, EstablishmentRules.ToData(request), Seed, Seed, cancellationToken);
        }
    }

    private async Task<Guid?> ForumAsync(string key, ForumRequest request, (Guid ActorId, string Role)[] members, CancellationToken cancellationToken)
    {
        var id = ReferenceActors.IdFor($"forum:{key}");
        if (await forums.GetForumAsync(id, cancellationToken) is null)
        {
            await forums.CreateForumAsync(id, ForumRules.ToData(request), Seed, cancellationToken);
            foreach (var (actorId, role) in members)
            {
                await forums.AddMemberAsync(id, actorId, role, Seed, cancellationToken);
            }
        }

        return id;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Development demo data for the actor registry is in place")]
    private static partial void LogSeeded(ILogger logger);
}
