using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Demo.Tests.Support;

namespace Cybercantal.Edge.Demo.Tests;

public sealed class DemoCastTests
{
    private static readonly DateOnly Thursday = new(2026, 11, 26);

    public static TheoryData<string> Centres() => [.. DemoSites.OpenCentres];

    [Theory]
    [MemberData(nameof(Centres))]
    public void Every_centre_gets_staff_teleworkers_lessees_and_one_expired_member(string id)
    {
        var site = DemoSites.Load().Single(s => s.Id == id);
        var centre = DemoCastGenerator.Create(site, Thursday, 2026);

        Assert.InRange(centre.People.Count(p => p.Role == DemoRole.Staff), 1, 2);
        Assert.InRange(centre.People.Count(p => p.Role == DemoRole.Teleworker), 9, 11);
        Assert.Single(centre.People, p => p.Role == DemoRole.Expired);
        foreach (var office in site.Zones.Where(z => z.Kind == ZoneKind.PrivateOffice))
        {
            Assert.InRange(centre.People.Count(p => p.Office == office.Id), 1, 2);
        }

        Assert.Contains(centre.Bookings, b => site.Zones.Single(z => z.Id == b.Zone).Kind == ZoneKind.VisioRoom);
        Assert.Contains(centre.Bookings, b => site.Zones.Single(z => z.Id == b.Zone).Kind == ZoneKind.MeetingRoom);
        Assert.All(centre.Bookings, b => Assert.Equal(Thursday, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(b.Start, site.TimeZone).DateTime)));
    }

    [Theory]
    [MemberData(nameof(Centres))]
    public void The_manager_enters_every_member_with_a_name_badge_lease_and_booking_and_one_office_past_its_free_year(string id)
    {
        var site = DemoSites.Load().Single(s => s.Id == id);
        var centre = DemoCastGenerator.Create(site, Thursday, 2026);

        var records = DemoAdminRecords.For(centre);

        Assert.Equal(centre.People.Select(p => p.MemberId), records.Members.Select(m => m.Id));
        Assert.All(records.Members, m => Assert.Equal([id], m.Sites));
        Assert.All(records.Members, m => Assert.Matches(@"^\S+ \S+$", m.Name));
        Assert.Equal(centre.People.Where(p => p.Role == DemoRole.Staff).Select(p => p.MemberId), records.Members.Where(m => m.Staff).Select(m => m.Id));
        var expired = Assert.Single(records.Members, m => m.Status == "expired");
        Assert.True(expired.ValidTo < Thursday);
        Assert.All(records.Members.Where(m => m.Status != "expired"), m => Assert.Equal("active", m.Status));
        Assert.Equal(centre.People.Sum(p => p.Badges.Count), records.Badges.Count);
        Assert.Equal(records.Badges.Count, records.Badges.Select(b => b.Credential).Distinct(StringComparer.Ordinal).Count());

        // One lease per lessee, each member valid from its lease; the centre's first lessee is billed (past the
        // free first year), the others are still free.
        var lessees = centre.People.Where(p => p.Role == DemoRole.Lessee).ToList();
        Assert.Equal(lessees.Select(p => (p.MemberId, p.Office)), records.Leases.Select(l => (l.MemberId!, l.Zone)));
        Assert.True(records.Leases[0].Start < Thursday.AddYears(-1));
        Assert.All(records.Leases.Skip(1), l => Assert.True(l.Start > Thursday.AddYears(-1)));
        Assert.All(records.Leases, l => Assert.True(records.Members.Single(m => m.Id == l.MemberId).ValidFrom <= l.Start));
        Assert.Equal(centre.Bookings.Select(b => (b.MemberId, b.Zone, b.Start, b.End)), records.Bookings.Select(b => (b.MemberId!, b.Zone!, b.Start!.Value, b.End!.Value)));
    }

    [Fact]
    public void Tariffs_are_dated_and_the_visio_rooms_are_billed()
    {
        var tariffs = DemoAdminRecords.Tariffs(Thursday);

        Assert.Equal(2, tariffs.Count(t => t.Item == "office"));
        Assert.Contains(tariffs, t => t.Item == "copier-page" && t.FreePerMonth > 0);
        Assert.Contains(tariffs, t => t.Item == "visio-hour" && t.FreePerMonth > 0);
        Assert.All(tariffs, t => Assert.True(t.EffectiveFrom <= Thursday));
        Assert.Equal(DemoSites.OpenCentres.Count, DemoAdminRecords.VisioRooms(DemoSites.Load()).Count());
    }

    [Theory]
    [MemberData(nameof(Centres))]
    public void Every_lessee_carries_a_badge_their_office_door_reads(string id)
    {
        var site = DemoSites.Load().Single(s => s.Id == id);
        var centre = DemoCastGenerator.Create(site, Thursday, 2026);

        foreach (var lessee in centre.People.Where(p => p.Role == DemoRole.Lessee))
        {
            var door = site.Doors.Single(d => d.ToZone == lessee.Office);
            Assert.NotNull(lessee.BadgeFor(door.AcceptedCredentials));
        }
    }

    [Theory]
    [MemberData(nameof(Centres))]
    public void The_day_plan_has_the_story_beats_in_time_order_and_is_the_same_for_the_same_seed(string id)
    {
        var site = DemoSites.Load().Single(s => s.Id == id);
        var centre = DemoCastGenerator.Create(site, Thursday, 2026);

        var plan = CentreDayPlan.Create(centre, 2026);

        Assert.Equal(plan.OrderBy(s => s.At), plan);
        Assert.Single(plan, s => s.Move == DemoMove.ForceDoor);
        Assert.Single(plan, s => s.Move == DemoMove.ExpiredAttempt);
        Assert.Equal(centre.Bookings.Count(b => b.Honoured), plan.Count(s => s.Move == DemoMove.ToBookedRoom));
        Assert.Contains(plan, s => s.Move == DemoMove.GoOut && s.At.Hour is 12);
        Assert.Equal(centre.People.Count(p => p.Role != DemoRole.Expired), plan.Count(s => s.Move == DemoMove.GoOut && s.At.Hour >= 16));
        static object Key(DemoStep s) => (s.At, s.Move, s.Person?.MemberId, s.Zone, s.Pc, s.Pages);
        Assert.Equal(plan.Select(Key), CentreDayPlan.Create(DemoCastGenerator.Create(site, Thursday, 2026), 2026).Select(Key));

        // Usage: each honoured booking is checked in then badged out; nobody goes to the no-show's room.
        foreach (var booking in centre.Bookings)
        {
            var roomSteps = plan.Where(s => s.Person?.MemberId == booking.MemberId && s.Zone == booking.Zone).Select(s => s.Move).ToList();
            Assert.Equal(booking.Honoured ? [DemoMove.ToBookedRoom, DemoMove.LeaveRoom] : [], roomSteps);
        }

        Assert.Equal(id == DemoCastGenerator.ShowcaseCentre ? 1 : 0, centre.Bookings.Count(b => !b.Honoured));

        // Usage: one PC freezes and restarts; a PC is logged on before it is logged off, never twice in a row; someone prints.
        Assert.Single(plan, s => s.Move == DemoMove.PcFreezes);
        Assert.Single(plan, s => s.Move == DemoMove.PcRestarts);
        Assert.Contains(plan, s => s.Move == DemoMove.Print && s.Pages > 0);
        var frozen = plan.Single(s => s.Move == DemoMove.PcFreezes).Pc;
        foreach (var pc in plan.Where(s => s.Move is DemoMove.LogOn or DemoMove.LogOff && s.Pc != frozen).GroupBy(s => s.Pc))
        {
            Assert.Single(pc.Select(s => s.Person!.MemberId).Distinct());
            var moves = pc.Select(s => s.Move).ToList();
            Assert.All(moves.Where((_, i) => i % 2 == 0), m => Assert.Equal(DemoMove.LogOn, m));
            Assert.Equal(DemoMove.LogOff, moves[^1]);
        }
    }

    [Theory]
    [InlineData("2026-11-26", "2026-11-26")] // Thursday
    [InlineData("2026-11-28", "2026-11-30")] // Saturday -> Monday
    [InlineData("2026-12-25", "2026-12-28")] // Christmas (Friday), then the weekend
    public void The_demo_day_is_the_next_working_day(string today, string expected)
    {
        var sites = DemoSites.Load();
        var noon = new DateTimeOffset(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DemoSites.ChooseDay(noon, sites));
    }
}
