using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging;
using Platform.NeedsIntake.Data;
using Platform.Testing;

namespace Platform.NeedsIntake.Tests;

/// <summary>
/// How well similar-need search finds a need told again: the 48 development needs (8 labelled clusters of 6) in a
/// database of their own, each looked up reworded. Prints how often the original is among the answers, and how many
/// answers are of the original's cluster.
/// </summary>
public sealed class SimilarNeedsQualityTests(NeedsIntakeApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reworded_need_finds_its_original_and_few_of_other_clusters()
    {
        var connectionString = await app.CreateDatabaseAsync(Token);
        await new DatabaseMigrator(connectionString, [typeof(DatabaseMigrator).Assembly, typeof(NeedStore).Assembly], NullLogger.Instance).MigrateAsync(Token);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var needs = DevNeeds.Load();
        var ids = needs.ToDictionary(need => need.Key, _ => Guid.CreateVersion7());
        await using (var batch = dataSource.CreateBatch())
        {
            foreach (var (need, index) in needs.Select((need, index) => (need, index)))
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                    INSERT INTO needs (id, reference, title, description, theme, submitted_by_actor_id, submitter_kind, municipality_codes, county_codes,
                        urgency, status, created_at, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, 'municipality', $7, '{}', $8, 'submitted', now(), now())
                    """)
                {
                    Parameters =
                    {
                        new() { Value = ids[need.Key] }, new() { Value = string.Create(CultureInfo.InvariantCulture, $"BEH-2026-{index + 1:D6}") },
                        new() { Value = need.Title }, new() { Value = need.Description }, new() { Value = need.Theme }, new() { Value = Guid.CreateVersion7() },
                        new() { Value = need.MunicipalityCodes }, new() { Value = need.Urgency },
                    },
                });
            }

            await batch.ExecuteNonQueryAsync(Token);
        }

        var statistics = new LexemeStatistics(dataSource, Options.Create(new LexemeStatisticsOptions()), TimeProvider.System, NullLogger<LexemeStatistics>.Instance);
        Assert.True(await statistics.RefreshIfStaleAsync(Token));

        var finder = new SimilarNeedsFinder(dataSource, Options.Create(new SimilarNeedsOptions()));
        var clusterOf = needs.ToDictionary(need => ids[need.Key], need => need.Cluster);
        int originalsFound = 0, found = 0, sameCluster = 0;
        foreach (var need in needs)
        {
            // The same need told again: a quarter of the description's words left out, the title shortened.
            var (title, description) = Reworded(need);
            await using var connection = await dataSource.OpenConnectionAsync(Token);
            var similar = await finder.FindAsync(connection, title, description, new Viewer(true, null), Token);
            originalsFound += similar.Any(match => match.Id == ids[need.Key]) ? 1 : 0;
            found += similar.Count;
            sameCluster += similar.Count(match => clusterOf[match.Id] == need.Cluster);
        }

        var recall = (double)originalsFound / needs.Count;
        var precision = (double)sameCluster / Math.Max(1, found);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"similar needs for 48 reworded development needs: original found for {originalsFound} ({recall:P1}); {found} answered, {precision:P1} of them of the same cluster");
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(recall >= 0.95, summary);
        Assert.True(precision >= 0.8, summary);
    }

    [Fact]
    public async Task Candidates_are_the_newest_needs_with_each_rare_stem_however_many_have_it()
    {
        var connectionString = await app.CreateDatabaseAsync(Token);
        await new DatabaseMigrator(connectionString, [typeof(DatabaseMigrator).Assembly, typeof(NeedStore).Assembly], NullLogger.Instance).MigrateAsync(Token);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        // Six needs told alike, a minute apart, inserted in one statement as an import inserts them.
        var ids = Enumerable.Range(0, 6).Select(_ => Guid.CreateVersion7()).ToArray();
        await using (var insert = dataSource.CreateCommand("""
            INSERT INTO needs (id, reference, title, description, theme, submitted_by_actor_id, submitter_kind, municipality_codes, county_codes,
                urgency, status, created_at, updated_at)
            SELECT id, 'BEH-2026-' || lpad(ord::text, 6, '0'), 'Vätgasledning till Svartbyn', 'Vätgasledningen till Svartbyn behöver dras om före bygget.',
                'infrastructure', gen_random_uuid(), 'municipality', '{2580}', '{25}', 'medium', 'submitted', now() - (6 - ord) * interval '1 minute', now()
            FROM unnest($1::uuid[]) WITH ORDINALITY AS n (id, ord)
            """))
        {
            insert.Parameters.Add(new() { Value = ids });
            await insert.ExecuteNonQueryAsync(Token);
        }

        await using (var stems = dataSource.CreateCommand("SELECT count(DISTINCT need_id) FROM need_stems"))
        {
            Assert.Equal(6L, await stems.ExecuteScalarAsync(Token));
        }

        var finder = new SimilarNeedsFinder(dataSource, Options.Create(new SimilarNeedsOptions { CandidatesPerStem = 2, Limit = 10 }));
        await using var connection = await dataSource.OpenConnectionAsync(Token);
        var similar = await finder.FindAsync(connection, "Vätgasledning till Svartbyn", "Ledningen för vätgas till Svartbyn.", new Viewer(true, null), Token);

        Assert.Equal(ids[^2..].Reverse(), similar.Select(need => need.Id));
    }

    private static (string Title, string Description) Reworded(DevNeed need)
    {
        var titleWords = need.Title.Split(' ');
        var title = string.Join(' ', titleWords.Skip(titleWords.Length > 4 ? 1 : 0));
        var description = string.Join(' ', need.Description.Split(' ').Where((_, index) => index % 4 != 1));
        return (title, description);
    }
}
