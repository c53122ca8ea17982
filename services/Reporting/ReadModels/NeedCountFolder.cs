using Npgsql;
using Platform.Messaging.Hosting;

namespace Platform.Reporting.ReadModels;

/// <summary>
/// Adds the need-count changes the projections append (<c>rm_need_count_changes</c>, <c>rm_challenge_need_count_changes</c>)
/// to the totals, every second, so the changes stay few; the counts read the same before and after (see migration 0002).
/// </summary>
public sealed class NeedCountFolder(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<NeedCountFolder> logger)
    : PeriodicDatabaseJob(timeProvider, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected override string Name => "Folding need-count changes";

    protected override bool RunAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken) => await FoldAsync(dataSource, cancellationToken);

    /// <summary>Folds the changes committed so far; returns how many it moved.</summary>
    public static async Task<long> FoldAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FoldAsync(connection, null, cancellationToken);
    }

    /// <summary>Folds within <paramref name="transaction"/> (the rebuild's, say); returns how many changes it moved.</summary>
    public static async Task<long> FoldAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var fold = new NpgsqlCommand("SELECT rm_need_counts_fold()", connection, transaction);
        return (long)(await fold.ExecuteScalarAsync(cancellationToken))!;
    }
}
