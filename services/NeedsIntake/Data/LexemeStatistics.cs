using System.Data;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging.Hosting;

namespace Platform.NeedsIntake.Data;

public sealed class LexemeStatisticsOptions
{
    public const string SectionName = "Needs:LexemeStatistics";

    /// <summary>How often the number of needs is compared with the one the statistics were counted at.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The statistics are counted again when the number of needs changed by this share since.</summary>
    public double RefreshOnGrowth { get; set; } = 0.1;
}

/// <summary>
/// Counts in how many needs each Swedish stem occurs (<c>need_lexemes</c>), for similar-need search to find candidates
/// by a text's rarest stems. Counting reads every need, so it is redone only when the number of needs has changed by a
/// tenth, and by one instance at a time (an advisory lock).
/// </summary>
public sealed class LexemeStatistics(NpgsqlDataSource dataSource, IOptions<LexemeStatisticsOptions> options, TimeProvider timeProvider, ILogger<LexemeStatistics> logger)
    : PeriodicDatabaseJob(timeProvider, logger)
{
    private const long AdvisoryLockKey = 0x4E45454453_4C58; // "NEEDS" "LX"

    protected override TimeSpan Interval => options.Value.CheckInterval;

    protected override string Name => "Counting need stems";

    protected override bool RunAtStart => true;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => RefreshIfStaleAsync(cancellationToken);

    /// <summary>Recounts when the number of needs moved enough; true when it did.</summary>
    public async Task<bool> RefreshIfStaleAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var check = new NpgsqlCommand("""
            SELECT pg_try_advisory_xact_lock(@lockKey) AS locked, (SELECT count(*) FROM needs) AS needs, (SELECT needs FROM need_lexeme_totals) AS counted
            """, connection, transaction) { Parameters = { new("lockKey", AdvisoryLockKey) } })
        await using (var reader = await check.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            var (locked, needs, counted) = (reader.GetBoolean("locked"), reader.GetInt64("needs"), reader.GetInt64("counted"));
            if (!locked || needs == counted || Math.Abs(needs - counted) < Math.Max(1, counted * options.Value.RefreshOnGrowth))
            {
                return false;
            }
        }

        var started = Clock.GetTimestamp();
        // A pass over every need's text vector: about 1 s at 40,000 needs, and past the default 30 s command timeout
        // at 1,000,000 on a busy machine, where it failed again every half minute and the counts stayed old.
        await using var refresh = new NpgsqlBatch(connection, transaction)
        {
            Timeout = (int)TimeSpan.FromMinutes(15).TotalSeconds,
            BatchCommands =
            {
                new("DELETE FROM need_lexemes"),
                new("INSERT INTO need_lexemes (lexeme, ndoc) SELECT word, ndoc FROM ts_stat('SELECT search FROM needs')"),
                new("UPDATE need_lexeme_totals SET needs = (SELECT count(*) FROM needs), refreshed_at = now()"),
            },
        };
        await refresh.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Logger.LogInformation("Counted need stems in {Elapsed} ms", (long)Clock.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }
}
