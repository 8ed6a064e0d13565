using Cybercantal.Edge.Hub.Rooms;
using Cybercantal.Edge.Protocol.Sites;

namespace Cybercantal.Edge.Hub.Tests.Rooms;

/// <summary>Opening hours measured in real time across the Europe/Paris summer-time changes of 2026.</summary>
public sealed class SiteCalendarTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly HashSet<DateOnly> NoClosures = [];

    [Theory]
    [InlineData(2026, 3, 28, 24)]
    [InlineData(2026, 3, 29, 23)]
    [InlineData(2026, 10, 25, 25)]
    [InlineData(2026, 10, 26, 24)]
    public void A_day_open_around_the_clock_lasts_its_real_length(int year, int month, int day, int hours)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal(hours * 3600L, SiteCalendar.OpeningSeconds(Every("00:00-24:00"), NoClosures, date, date, Paris));
    }

    [Theory]
    [InlineData(3, (31 * 24) - 1)]
    [InlineData(10, (31 * 24) + 1)]
    [InlineData(11, 30 * 24)]
    public void A_month_open_around_the_clock_gains_or_loses_the_changed_hour(int month, int hours)
    {
        var first = new DateOnly(2026, month, 1);

        Assert.Equal(hours * 3600L, SiteCalendar.OpeningSeconds(Every("00:00-24:00"), NoClosures, first, first.AddMonths(1).AddDays(-1), Paris));
    }

    [Theory]
    // 29 March: 02:00-03:00 does not exist; 25 October: 02:00-03:00 happens twice.
    [InlineData(3, 29, "01:00-04:00", 2 * 3600)]
    [InlineData(3, 29, "02:15-02:45", 0)]
    [InlineData(3, 29, "08:30-18:30", 10 * 3600)]
    [InlineData(10, 25, "01:00-04:00", 4 * 3600)]
    [InlineData(10, 25, "00:00-02:30", 3 * 3600)]
    [InlineData(10, 25, "02:15-02:45", 3600)]
    [InlineData(10, 25, "08:30-18:30", 10 * 3600)]
    public void Opening_ranges_count_the_real_time_the_wall_clock_spends_inside_them(int month, int day, string range, long seconds)
    {
        var date = new DateOnly(2026, month, day);

        Assert.Equal(seconds, SiteCalendar.OpeningSeconds(Every(range), NoClosures, date, date, Paris));
    }

    [Fact]
    public void Closure_days_and_closed_weekdays_count_nothing_and_overlapping_ranges_count_once()
    {
        var week = Every();
        week[(int)DayOfWeek.Monday] = [(8 * 60, 12 * 60), (11 * 60, 13 * 60)];
        week[(int)DayOfWeek.Tuesday] = [(8 * 60, 12 * 60)];

        // 2026-03-02 Monday (closed), 2026-03-03 Tuesday, 2026-03-09 Monday.
        var seconds = SiteCalendar.OpeningSeconds(week, new HashSet<DateOnly> { new(2026, 3, 2) }, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 9), Paris);

        Assert.Equal((4 + 5) * 3600L, seconds);
    }

    [Fact]
    public void A_local_day_starts_at_local_midnight_whatever_the_offset()
    {
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero), SiteCalendar.StartOfDay(new DateOnly(2026, 3, 1), Paris));
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), SiteCalendar.StartOfDay(new DateOnly(2026, 4, 1), Paris));
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero), SiteCalendar.StartOfDay(new DateOnly(2026, 10, 25), Paris));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero), SiteCalendar.StartOfDay(new DateOnly(2026, 10, 26), Paris));
    }

    private static IReadOnlyList<(int From, int To)>[] Every(string? range = null)
    {
        var week = new IReadOnlyList<(int From, int To)>[7];
        for (var day = 0; day < 7; day++)
        {
            week[day] = range is not null && SiteDescriptionValidation.TryParseRange(range, out var from, out var to) ? [(from, to)] : [];
        }

        return week;
    }
}
