using System.Diagnostics.Metrics;

namespace Platform.NeedsIntake;

/// <summary>The <c>Platform.NeedsIntake</c> meter: needs submitted, by theme and by source (api or import).</summary>
public sealed class NeedsMetrics : IDisposable
{
    public const string MeterName = "Platform.NeedsIntake";
    private readonly Meter _meter;
    private readonly Counter<long> _submitted;

    public NeedsMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _submitted = _meter.CreateCounter<long>("platform.needs.submitted", unit: "{need}", description: "Needs accepted for intake.");
    }

    public void Submitted(string theme, string source) =>
        _submitted.Add(1, new KeyValuePair<string, object?>("theme", theme), new KeyValuePair<string, object?>("source", source));

    public void Dispose() => _meter.Dispose();
}
