using Microsoft.Extensions.Logging;
using Platform.Messaging.Hosting;

namespace Platform.Messaging.Tests;

/// <summary>The timer loop every service's housekeeping runs in (no database needed: the job's work is a stand-in).</summary>
public sealed class PeriodicDatabaseJobTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failing_job_keeps_running_warns_once_and_says_when_it_works_again()
    {
        var logger = new RecordingLogger();
        using var job = new FlakyJob(failures: 3, logger);
        await job.StartAsync(Token);
        await job.FifthRun.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
        await job.StopAsync(Token);

        var entries = logger.Entries.ToList();
        var warning = Assert.Single(entries, entry => entry.Level == LogLevel.Warning);
        Assert.Contains("Tidying up failed", warning.Message, StringComparison.Ordinal);
        Assert.Equal(2, entries.Count(entry => entry.Level == LogLevel.Debug));
        Assert.Equal("Tidying up works again", Assert.Single(entries, entry => entry.Level == LogLevel.Information).Message);
        Assert.True(entries.FindIndex(entry => entry.Level == LogLevel.Warning) < entries.FindIndex(entry => entry.Level == LogLevel.Information));
    }

    private sealed class FlakyJob(int failures, ILogger logger) : PeriodicDatabaseJob(TimeProvider.System, logger)
    {
        private int _runs;

        public TaskCompletionSource FifthRun { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override TimeSpan Interval => TimeSpan.FromMilliseconds(10);

        protected override string Name => "Tidying up";

        protected override bool RunAtStart => true;

        protected override Task RunOnceAsync(CancellationToken cancellationToken)
        {
            var run = Interlocked.Increment(ref _runs);
            if (run >= 5)
            {
                FifthRun.TrySetResult();
            }

            return run <= failures ? Task.FromException(new InvalidOperationException($"run {run} failed")) : Task.CompletedTask;
        }
    }

    private sealed class RecordingLogger : ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

        public IEnumerable<(LogLevel Level, string Message)> Entries => _entries;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
