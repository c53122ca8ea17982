namespace Platform.Reporting.Domain;

/// <summary>How a report reads an effort's indicator.</summary>
public static class IndicatorRules
{
    /// <summary>
    /// How much of the way from <paramref name="baseline"/> to <paramref name="target"/> the outcome has come, in whole
    /// percent rounded half away from zero: 0 at the baseline, 100 at the target, more beyond it, negative when it went
    /// the other way. None without an outcome, or when the target is the baseline (no way to go).
    /// </summary>
    public static int? AchievedPercent(decimal baseline, decimal target, decimal? actual) =>
        actual is { } outcome && target != baseline
            ? (int)Math.Clamp(Math.Round((outcome - baseline) / (target - baseline) * 100m, MidpointRounding.AwayFromZero), int.MinValue, int.MaxValue)
            : null;
}
