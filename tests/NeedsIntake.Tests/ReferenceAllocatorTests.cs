using Npgsql;
using Platform.NeedsIntake.Data;

namespace Platform.NeedsIntake.Tests;

public sealed class ReferenceAllocatorTests(NeedsIntakeApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Blocks_are_taken_on_the_callers_connection_so_a_full_pool_cannot_deadlock_the_allocator()
    {
        // One pooled connection, held by the caller's transaction: a block taken on another connection from the pool
        // would wait for this one (here 2 s, then fail), as every submission would once the pool is exhausted under load.
        var connectionString = new NpgsqlConnectionStringBuilder(app.DatabaseConnectionString) { MaxPoolSize = 1, Timeout = 2 }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var allocator = new ReferenceAllocator();

        await using var connection = await dataSource.OpenConnectionAsync(Token);
        await using var transaction = await connection.BeginTransactionAsync(Token);
        var first = await allocator.NextAsync(transaction, 1, Token);
        var more = await allocator.NextAsync(transaction, ReferenceAllocator.BlockSize * 2 + 50, Token);
        await transaction.RollbackAsync(Token);

        // The first block (of the sequence's steps of 100, from 1) and two more; unique, consecutive within a block.
        long[] numbers = [.. first, .. more];
        Assert.Equal(numbers.Length, numbers.Distinct().Count());
        Assert.Equal(first[0] + 1, more[0]);
        Assert.Equal(3, numbers.Select(number => (number - 1) / ReferenceAllocator.BlockSize).Distinct().Count());
    }
}
