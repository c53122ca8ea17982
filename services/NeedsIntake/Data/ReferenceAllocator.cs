using System.Globalization;
using Npgsql;

namespace Platform.NeedsIntake.Data;

/// <summary>
/// Hands out need references <c>BEH-YYYY-NNNNNN</c> (at least six digits) from blocks of the database sequence
/// <c>need_reference_seq</c> (increment 100): unique across instances, numbered without a round trip per need.
/// A block is taken on the caller's own connection (<c>nextval</c> is not undone by a rollback, so a block taken in a
/// transaction that fails leaves a gap, nothing worse): a second connection from the pool, taken while the caller
/// holds one, would deadlock once every pooled connection is held by a caller waiting for a block.
/// </summary>
public sealed class ReferenceAllocator
{
    public const int BlockSize = 100;
    private readonly SemaphoreSlim _refill = new(1, 1);
    private readonly Lock _lock = new();
    private long _next;
    private long _end;

    public static string Format(int year, long number) => string.Create(CultureInfo.InvariantCulture, $"BEH-{year:D4}-{number:D6}");

    public async Task<long[]> NextAsync(NpgsqlTransaction transaction, int count, CancellationToken cancellationToken)
    {
        var numbers = new long[count];
        var taken = 0;
        while (taken < count)
        {
            lock (_lock)
            {
                while (taken < count && _next < _end)
                {
                    numbers[taken++] = _next++;
                }
            }

            if (taken < count)
            {
                await RefillAsync(transaction, cancellationToken);
            }
        }

        return numbers;
    }

    private async Task RefillAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await _refill.WaitAsync(cancellationToken);
        try
        {
            lock (_lock)
            {
                if (_next < _end)
                {
                    return; // another caller refilled while this one waited
                }
            }

            await using var command = new NpgsqlCommand("SELECT nextval('need_reference_seq')", transaction.Connection, transaction);
            var start = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            lock (_lock)
            {
                _next = start;
                _end = start + BlockSize;
            }
        }
        finally
        {
            _refill.Release();
        }
    }
}
