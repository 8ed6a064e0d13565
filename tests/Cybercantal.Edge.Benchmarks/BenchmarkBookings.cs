using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>
/// Room bookings added to the generated store for <c>decisions-harness --bookings</c>: 10 % of the members
/// (index ending in 3: all active, none staff) book a room on <see cref="BenchmarkSite.TuesdayMorning"/>'s day,
/// 08:00-13:00 in one room and 13:00-19:00 in the other, plus one the day before, so the engine scans three
/// bookings per booked member. One booked member in ten did not show up: its morning booking is released
/// through <see cref="AccessStore.Release"/>, the path the no-show worker takes.
/// </summary>
internal static class BenchmarkBookings
{
    private static readonly TimeSpan SiteOffset = BenchmarkSite.TuesdayMorning.Offset;
    private static readonly DateOnly Today = DateOnly.FromDateTime(BenchmarkSite.TuesdayMorning.Date);

    public static bool IsBooked(int member) => member % 10 == 3;

    public static bool IsReleased(int member) => member % 100 == 3;

    /// <summary>Adds the bookings of every booked member.</summary>
    public static void Fill(IAccessRowSink sink, int members = AccessStoreGenerator.DefaultMembers)
    {
        ArgumentNullException.ThrowIfNull(sink);
        for (var m = 3; m < members; m += 10)
        {
            var id = AccessStoreGenerator.MemberId(m);
            sink.Add(new BookingRecord(id, MorningRoom(m), At(Today.AddDays(-1), 14), At(Today.AddDays(-1), 16)));
            sink.Add(new BookingRecord(id, MorningRoom(m), At(Today, 8), At(Today, 13)));
            sink.Add(new BookingRecord(id, AfternoonRoom(m), At(Today, 13), At(Today, 19)));
        }
    }

    /// <summary>Releases the morning booking of one booked member in ten; returns how many.</summary>
    public static int ReleaseNoShows(AccessStore store, int members = AccessStoreGenerator.DefaultMembers)
    {
        ArgumentNullException.ThrowIfNull(store);
        var released = 0;
        for (var m = 3; m < members; m += 100)
        {
            released += store.Release(new ReleasedBooking(AccessStoreGenerator.MemberId(m), MorningRoom(m), At(Today, 8), At(Today, 13))) ? 1 : 0;
        }

        return released;
    }

    /// <summary>
    /// A booked member's badge at a room in the morning, chosen by <paramref name="draw"/> (a random number below
    /// 250,000: the one the plain workload draws for the same entry, so both workloads stay aligned): four times in
    /// five the room booked now (granted, or refused as released for a no-show), otherwise the room booked for the
    /// afternoon (no booking now).
    /// </summary>
    public static (Credential Credential, DoorConfiguration Door) Presentation(int draw, SiteConfiguration site)
    {
        var member = (draw % (AccessStoreGenerator.DefaultMembers / 10) * 10) + 3;

        // Badge number == member index always exists and belongs to that member (badges b % members == member).
        var credential = AccessStoreGenerator.BadgeCredential(member);
        var room = draw / (AccessStoreGenerator.DefaultMembers / 10) % 5 == 0 ? AfternoonRoom(member) : MorningRoom(member);
        return (credential, site.Door(room));
    }

    private static string MorningRoom(int member) => member % 20 == 3 ? "salle-reunion" : "salle-visio";

    private static string AfternoonRoom(int member) => member % 20 == 3 ? "salle-visio" : "salle-reunion";

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), SiteOffset);
}
