namespace Platform.ServiceDefaults.Http;

/// <summary>Swedish time, in which the agency dates its reports and its records.</summary>
public static class SwedishTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    /// <summary>The day <paramref name="at"/> falls on in Sweden.</summary>
    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    /// <summary>The moment <paramref name="day"/> begins in Sweden.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Zone), TimeSpan.Zero);

    /// <summary>Today in Sweden.</summary>
    public static DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());
}
