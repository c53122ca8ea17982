using System.ComponentModel.DataAnnotations;

namespace Platform.Notifications.Webhooks;

public sealed class WebhookOptions
{
    public const string SectionName = "Notifications:Webhooks";

    /// <summary>Plain http:// to loopback receivers, and loopback addresses at all; set in Development only.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>How long one attempt may take, answer included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan LongestRetry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a delivery is tried before it is dead.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a subscription may fail without a success before it is disabled.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How many bytes of a receiver's answer are kept with the attempt.</summary>
    [Range(0, 65_536)]
    public int ResponseExcerptBytes { get; set; } = 1_024;

    /// <summary>How many deliveries are sent at once.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 16;

    /// <summary>How often due retries are looked for when no new event arrives.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
