using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Platform.ChallengeTracking.Data;

namespace Platform.ChallengeTracking.Clustering;

/// <summary>Tells the <see cref="ClusterReviewer"/> that needs arrived.</summary>
public sealed class ClusterReviewTrigger
{
    private readonly Channel<bool> _arrivals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void NeedArrived() => _arrivals.Writer.TryWrite(true);

    internal ChannelReader<bool> Arrivals => _arrivals.Reader;
}

/// <summary>
/// Runs the clustering review (<see cref="ClusterReviewStore.ReviewAsync"/>) once needs have stopped arriving for
/// <see cref="ClusteringOptions.ReviewQuiet"/> (after an import, a burst of submissions) and every
/// <see cref="ClusteringOptions.ReviewInterval"/> otherwise. At start it first features again the needs stored with
/// older features. A failed run is logged and tried again at the next occasion.
/// </summary>
public sealed partial class ClusterReviewer(
    ClusterReviewStore store, ClusterReviewTrigger trigger, IOptions<ClusteringOptions> options, ILogger<ClusterReviewer> logger) : BackgroundService
{
    private const int RefeatureBatch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var refeatured = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!refeatured)
                {
                    var count = await store.RefeatureAsync(RefeatureBatch, stoppingToken);
                    refeatured = true;
                    if (count > 0)
                    {
                        LogRefeatured(count);
                    }
                }

                var review = await store.ReviewAsync(stoppingToken);
                LogReviewed(review.Proposed, review.Withdrawn, review.Open);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogReviewFailed(exception);
            }

            await NextOccasionAsync(stoppingToken);
        }
    }

    /// <summary>Waits for the interval to pass, or for needs to arrive and then stop arriving for the quiet time.</summary>
    private async Task NextOccasionAsync(CancellationToken stoppingToken)
    {
        using var interval = new CancellationTokenSource(options.Value.ReviewInterval);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, interval.Token);
        try
        {
            await trigger.Arrivals.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return;
        }

        while (true)
        {
            using var quiet = new CancellationTokenSource(options.Value.ReviewQuiet);
            using var arrivalOrQuiet = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, quiet.Token);
            try
            {
                await trigger.Arrivals.ReadAsync(arrivalOrQuiet.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Clustering review: {Proposed} suggestions proposed, {Withdrawn} withdrawn, {Open} open.")]
    private partial void LogReviewed(int proposed, int withdrawn, int open);

    [LoggerMessage(Level = LogLevel.Information, Message = "Featured {Count} stored needs again with the current text features.")]
    private partial void LogRefeatured(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The clustering review failed; it runs again at the next occasion.")]
    private partial void LogReviewFailed(Exception exception);
}
