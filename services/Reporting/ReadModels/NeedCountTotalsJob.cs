using Npgsql;
using Platform.Messaging.Hosting;

namespace Platform.Reporting.ReadModels;

/// <summary>
/// Every second, adds the need-count changes the projections append (<c>rm_need_count_changes</c>,
/// <c>rm_challenge_need_count_changes</c>) to the totals and deletes them, so the changes stay few; the counts read the
/// same before and after (see migration 0002).
/// </summary>
public sealed class NeedCountTotalsJob(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<NeedCountTotalsJob> logger)
    : PeriodicDatabaseJob(timeProvider, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected override string Name => "Adding need-count changes to the totals";

    protected override bool RunAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken) => await AddChangesToTotalsAsync(dataSource, cancellationToken);

    /// <summary>Adds the changes committed so far to the totals; returns how many it moved.</summary>
    public static async Task<long> AddChangesToTotalsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await AddChangesToTotalsAsync(connection, null, cancellationToken);
    }

    /// <summary>Adds the changes to the totals within <paramref name="transaction"/> (the rebuild's, say); returns how many it moved.</summary>
    public static async Task<long> AddChangesToTotalsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var fold = new NpgsqlCommand("SELECT rm_need_counts_fold()", connection, transaction);
        return (long)(await fold.ExecuteScalarAsync(cancellationToken))!;
    }
}
