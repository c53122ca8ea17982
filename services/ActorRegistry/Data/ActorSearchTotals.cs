using System.Collections.Concurrent;

namespace Platform.ActorRegistry.Data;

/// <summary>
/// Totals of actor searches this instance has counted, each valid for one value of <c>actor_change_stamp</c>, which
/// every committed change of the actors table moves on. Counting a broad filter reads most of the table; the stamp
/// is one row. A search reads the stamp with its page and reuses the total while the stamp is the one the total was
/// counted at, so the total stays exact, also with several registry instances writing.
/// </summary>
public sealed class ActorSearchTotals
{
    /// <summary>Filters remembered per stamp; beyond that, searches are counted every time until the next change.</summary>
    public const int Capacity = 4_096;

    private Generation current = new(long.MinValue);

    public bool TryGet(ActorQuery filter, out long stamp, out long total)
    {
        var generation = Volatile.Read(ref current);
        stamp = generation.Stamp;
        return generation.Totals.TryGetValue(filter, out total);
    }

    /// <summary>Remembers <paramref name="total"/>, counted in the same statement that read <paramref name="stamp"/>.</summary>
    public void Remember(long stamp, ActorQuery filter, long total)
    {
        var generation = Volatile.Read(ref current);
        if (generation.Stamp != stamp)
        {
            // The table changed since (or this reader is behind, which only costs a count later): start over.
            generation = new Generation(stamp);
            Volatile.Write(ref current, generation);
        }

        if (generation.Totals.Count < Capacity)
        {
            generation.Totals[filter] = total;
        }
    }

    private sealed class Generation(long stamp)
    {
        public long Stamp { get; } = stamp;

        public ConcurrentDictionary<ActorQuery, long> Totals { get; } = new();
    }
}
