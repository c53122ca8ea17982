namespace Platform.Messaging.Outbox;

/// <summary>
/// Wakes this instance's <see cref="OutboxRelay"/> when a transaction that wrote to the outbox has committed (see
/// <see cref="Outbox.CommitAsync"/>). In process rather than NOTIFY: PostgreSQL serialises the commits of
/// transactions that NOTIFY (a database-wide lock held through the commit's WAL flush), which with fsync on capped
/// every writer at one commit per flush. Rows of other instances are found by the relay's bounded poll.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller signalled first; one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
