using Npgsql;
using Platform.Messaging.Data;

namespace Platform.ActorRegistry.Data;

/// <summary>
/// Seeds the reference actors at start-up (after migrations), through the same store as the API so each one is
/// announced with <c>ActorRegistered</c>. Existing actors are left as they are.
/// </summary>
public sealed partial class ReferenceActorsSeeder(NpgsqlDataSource dataSource, ActorStore store, ILogger<ReferenceActorsSeeder> logger) : IHostedService
{
    /// <summary>Instances starting together seed one after another: the second finds everything in place.</summary>
    internal const long SeedLockKey = 0x5245_4753_4545_44; // "REGSEED"

    private const string Seed = "seed:reference-actors";
    private static readonly Editor Seeder = new(Seed, IsCoordinator: true, ActorId: null);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var seeding = await DatabaseLock.AcquireAsync(connection, SeedLockKey, cancellationToken);
        var added = 0;
        foreach (var reference in ReferenceActors.All)
        {
            if (await store.GetAsync(reference.Id, cancellationToken) is not null)
            {
                continue;
            }

            var errors = new ValidationErrors();
            var data = ActorRules.Validate(reference.Request, errors)
                ?? throw new InvalidOperationException($"Reference actor '{reference.Request.Name}' is invalid.");
            if ((await store.CreateAsync(reference.Id, data, Seeder, correlationId: Seed, cancellationToken)).Status == WriteStatus.Created)
            {
                added++;
            }
        }

        LogSeeded(logger, added, ReferenceActors.All.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Reference actors: {Added} added, {Total} expected")]
    private static partial void LogSeeded(ILogger logger, int added, int total);
}
