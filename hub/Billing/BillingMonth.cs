using System.Globalization;

namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// A calendar month in Paris local time (all centres are in France). Its boundaries are local midnights
/// converted to UTC, so a month is exactly the instants whose Paris wall-clock date falls in it, whatever
/// the DST changes inside it (local midnight is never skipped nor repeated in Europe/Paris).
/// </summary>
public readonly record struct BillingMonth(int Year, int Month) : IComparable<BillingMonth>
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public int Days => DateTime.DaysInMonth(Year, Month);

    public BillingMonth Next => FromDate(FirstDay.AddMonths(1));

    public BillingMonth Previous => FromDate(FirstDay.AddMonths(-1));

    /// <summary>First instant of the month (Paris midnight of the 1st).</summary>
    public DateTimeOffset StartUtc => LocalMidnightUtc(FirstDay);

    /// <summary>First instant after the month.</summary>
    public DateTimeOffset EndUtc => LocalMidnightUtc(FirstDay.AddMonths(1));

    public static BillingMonth FromDate(DateOnly date) => new(date.Year, date.Month);

    public static BillingMonth Containing(DateTimeOffset at) => FromDate(LocalDate(at));

    public static DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Paris).DateTime);

    public static DateTimeOffset LocalMidnightUtc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Paris), TimeSpan.Zero);
    }

    /// <summary>Parses <c>yyyy-MM</c>; false on anything else.</summary>
    public static bool TryParse(string? text, out BillingMonth month)
    {
        month = default;
        if (text is null || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return false;
        }

        month = FromDate(first);
        return true;
    }

    public int CompareTo(BillingMonth other) => ((Year * 12) + Month).CompareTo((other.Year * 12) + other.Month);

    public static bool operator <(BillingMonth left, BillingMonth right) => left.CompareTo(right) < 0;

    public static bool operator >(BillingMonth left, BillingMonth right) => left.CompareTo(right) > 0;

    public static bool operator <=(BillingMonth left, BillingMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >=(BillingMonth left, BillingMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
