using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Protocol.Access;
using static Cybercantal.Edge.Agent.Tests.Access.AccessTestPopulation;
using static Cybercantal.Edge.Agent.Tests.Support.AccessTestSite;

namespace Cybercantal.Edge.Agent.Tests.Access;

public sealed class AccessDecisionEngineTests
{
    // Tuesday 1 December 2026, 10:00 in Saint-Flour (UTC+1): open, not a closure day.
    private static readonly DateTimeOffset TuesdayMorning = Local(2026, 12, 1, 10, 0);

    private readonly SiteConfiguration _site = Create();
    private readonly AccessSnapshot _snapshot = Build();
    private readonly AccessDecisionEngine _engine;

    public AccessDecisionEngineTests() => _engine = new AccessDecisionEngine(_site, new AccessStore(_snapshot));

    private AccessDecision Decide(Credential credential, string zone, DateTimeOffset now) =>
        _engine.Decide(credential, _site.DoorTo(zone), now);

    private static void AssertDenied(DenyReason reason, AccessDecision decision)
    {
        Assert.False(decision.Granted);
        Assert.Equal(reason, decision.Reason);
        Assert.Equal(GrantBasis.None, decision.Basis);
    }

    private static void AssertGranted(GrantBasis basis, AccessDecision decision)
    {
        Assert.True(decision.Granted, $"denied: {decision.Reason}");
        Assert.Equal(basis, decision.Basis);
        Assert.Equal(DenyReason.None, decision.Reason);
    }

    [Fact]
    public void Unknown_badge_is_denied_without_a_member()
    {
        var decision = Decide(Unknown, "open-space", TuesdayMorning);

        AssertDenied(DenyReason.UnknownBadge, decision);
        Assert.Equal(-1, decision.MemberIndex);
    }

    [Fact]
    public void Revoked_and_lost_badges_are_denied_with_their_member()
    {
        var revoked = Decide(Revoked, "open-space", TuesdayMorning);
        var lost = Decide(Lost, "open-space", TuesdayMorning);

        AssertDenied(DenyReason.BadgeRevoked, revoked);
        AssertDenied(DenyReason.BadgeLost, lost);
        Assert.Equal("Amélie", _snapshot.MemberDisplayName(revoked.MemberIndex));
        Assert.Equal("active", _snapshot.MemberId(lost.MemberIndex));
    }

    [Fact]
    public void Suspended_and_expired_members_are_denied()
    {
        AssertDenied(DenyReason.MemberSuspended, Decide(Suspended, "open-space", TuesdayMorning));
        AssertDenied(DenyReason.MemberExpired, Decide(Expired, "open-space", TuesdayMorning));
    }

    [Fact]
    public void Validity_dates_are_inclusive_site_local_dates()
    {
        AssertGranted(GrantBasis.CommonArea, Decide(ValidUntilNovember, "open-space", Local(2026, 11, 30, 18, 59)));
        AssertDenied(DenyReason.MemberExpired, Decide(ValidUntilNovember, "open-space", TuesdayMorning));
        // 23:30 UTC on 30 November is already 1 December in Saint-Flour.
        AssertDenied(DenyReason.MemberExpired, Decide(ValidUntilNovember, "dehors", Utc(2026, 11, 30, 23, 30)));
        AssertGranted(GrantBasis.CommonArea, Decide(ValidUntilNovember, "dehors", Utc(2026, 11, 30, 22, 59)));

        AssertDenied(DenyReason.MemberNotYetValid, Decide(ValidFromDecember5, "open-space", Local(2026, 12, 4, 10, 0)));
        AssertGranted(GrantBasis.CommonArea, Decide(ValidFromDecember5, "open-space", Local(2026, 12, 5, 10, 0)));
    }

    [Fact]
    public void Credential_kind_not_accepted_by_the_door_is_denied()
    {
        AssertDenied(DenyReason.CredentialKindNotAccepted, Decide(ActiveWiegand, "open-space", TuesdayMorning));
        AssertDenied(DenyReason.CredentialKindNotAccepted, Decide(StaffWiegand, "local-technique", TuesdayMorning));
        AssertGranted(GrantBasis.CommonArea, Decide(ActiveWiegand, "accueil", TuesdayMorning));
    }

    [Fact]
    public void Staff_enter_everywhere_at_any_hour_even_on_closure_days()
    {
        var sundayNight = Local(2026, 12, 6, 3, 0);
        foreach (var zone in new[] { "accueil", "open-space", "bureau-1", "salle-reunion", "salle-visio", "local-technique", "nulle-part" })
        {
            AssertGranted(GrantBasis.Staff, Decide(Staff, zone, sundayNight));
        }

        AssertGranted(GrantBasis.Staff, Decide(Staff, "bureau-2", Local(2026, 12, 25, 10, 0)));
        AssertGranted(GrantBasis.Staff, Decide(StaffWiegand, "accueil", sundayNight));
    }

    [Theory]
    [InlineData("accueil")]
    [InlineData("open-space")]
    [InlineData("reprographie")]
    [InlineData("atelier")]
    public void Common_areas_open_to_active_members_during_opening_hours(string zone)
    {
        AssertDenied(DenyReason.OutOfHours, Decide(Active, zone, Local(2026, 12, 1, 7, 59, 59)));
        AssertGranted(GrantBasis.CommonArea, Decide(Active, zone, Local(2026, 12, 1, 8, 0)));
        AssertGranted(GrantBasis.CommonArea, Decide(Active, zone, Local(2026, 12, 1, 18, 59, 59)));
        AssertDenied(DenyReason.OutOfHours, Decide(Active, zone, Local(2026, 12, 1, 19, 0)));
        AssertDenied(DenyReason.OutOfHours, Decide(Active, zone, Local(2026, 12, 6, 10, 0)));
        AssertDenied(DenyReason.ClosureDay, Decide(Active, zone, Local(2026, 12, 25, 10, 0)));
    }

    [Fact]
    public void Leaving_towards_outside_is_granted_at_any_hour()
    {
        AssertGranted(GrantBasis.CommonArea, Decide(Active, "dehors", Local(2026, 12, 25, 23, 0)));
    }

    [Fact]
    public void Private_office_opens_to_its_lessees_from_the_lease_start_date_during_opening_hours()
    {
        AssertDenied(DenyReason.NoRightForZone, Decide(Lessee, "bureau-1", Local(2026, 11, 30, 10, 0)));
        AssertGranted(GrantBasis.Lease, Decide(Lessee, "bureau-1", TuesdayMorning));
        AssertGranted(GrantBasis.Lease, Decide(Lessee, "bureau-1", Local(2027, 1, 30, 10, 0)));
        AssertDenied(DenyReason.NoRightForZone, Decide(Lessee, "bureau-1", Local(2027, 2, 1, 10, 0)));
        AssertDenied(DenyReason.OutOfHours, Decide(Lessee, "bureau-1", Local(2026, 12, 1, 19, 0)));
        AssertDenied(DenyReason.ClosureDay, Decide(Lessee, "bureau-1", Local(2026, 12, 25, 10, 0)));
        AssertDenied(DenyReason.NoRightForZone, Decide(Lessee, "bureau-2", TuesdayMorning));
        AssertDenied(DenyReason.NoRightForZone, Decide(Active, "bureau-1", TuesdayMorning));
    }

    [Fact]
    public void Lease_start_follows_the_local_date_not_the_utc_date()
    {
        var alwaysOpen = Create(WeeklySchedule.Always);
        var engine = new AccessDecisionEngine(alwaysOpen, new AccessStore(_snapshot));

        // 23:30 UTC on 30 November is 00:30 on 1 December in Saint-Flour: the lease has started.
        AssertGranted(GrantBasis.Lease, engine.Decide(Lessee, alwaysOpen.DoorTo("bureau-1"), Utc(2026, 11, 30, 23, 30)));
        AssertDenied(DenyReason.NoRightForZone, engine.Decide(Lessee, alwaysOpen.DoorTo("bureau-1"), Utc(2026, 11, 30, 22, 59)));
    }

    [Fact]
    public void Meeting_room_opens_to_the_booking_holder_from_ten_minutes_before_start_until_end()
    {
        AssertDenied(DenyReason.NoBookingNow, Decide(Booker, "salle-reunion", Utc(2026, 12, 1, 8, 49, 59)));
        AssertGranted(GrantBasis.Booking, Decide(Booker, "salle-reunion", Utc(2026, 12, 1, 8, 50)));
        AssertGranted(GrantBasis.Booking, Decide(Booker, "salle-reunion", Utc(2026, 12, 1, 9, 59, 59)));
        AssertDenied(DenyReason.NoBookingNow, Decide(Booker, "salle-reunion", Utc(2026, 12, 1, 10, 0)));
        AssertDenied(DenyReason.NoBookingNow, Decide(Booker, "salle-visio", Utc(2026, 12, 1, 9, 30)));
        AssertDenied(DenyReason.NoBookingNow, Decide(Active, "salle-reunion", Utc(2026, 12, 1, 9, 30)));
    }

    [Fact]
    public void Booking_grace_is_configurable()
    {
        var engine = new AccessDecisionEngine(_site, new AccessStore(_snapshot), new AccessDecisionOptions
        {
            BookingGraceBefore = TimeSpan.Zero,
            BookingGraceAfter = TimeSpan.FromMinutes(5),
        });
        var door = _site.DoorTo("salle-reunion");

        AssertDenied(DenyReason.NoBookingNow, engine.Decide(Booker, door, Utc(2026, 12, 1, 8, 59, 59)));
        AssertGranted(GrantBasis.Booking, engine.Decide(Booker, door, Utc(2026, 12, 1, 9, 0)));
        AssertGranted(GrantBasis.Booking, engine.Decide(Booker, door, Utc(2026, 12, 1, 10, 4, 59)));
        AssertDenied(DenyReason.NoBookingNow, engine.Decide(Booker, door, Utc(2026, 12, 1, 10, 5)));
    }

    [Fact]
    public void Scheduled_explicit_right_grants_inside_its_schedule_and_date_range()
    {
        AssertDenied(DenyReason.OutsideRightSchedule, Decide(RightHolder, "salle-visio", Local(2026, 12, 1, 8, 29)));
        AssertGranted(GrantBasis.ExplicitRight, Decide(RightHolder, "salle-visio", Local(2026, 12, 1, 8, 30)));
        AssertGranted(GrantBasis.ExplicitRight, Decide(RightHolder, "salle-visio", Local(2026, 12, 1, 12, 29)));
        AssertDenied(DenyReason.OutsideRightSchedule, Decide(RightHolder, "salle-visio", Local(2026, 12, 1, 12, 30)));
        AssertDenied(DenyReason.OutsideRightSchedule, Decide(RightHolder, "salle-visio", Local(2026, 12, 2, 10, 0)));
        // Outside its date range the right does not exist: the room's own reason stands.
        AssertDenied(DenyReason.NoBookingNow, Decide(RightHolder, "salle-visio", Local(2027, 1, 5, 10, 0)));
    }

    [Fact]
    public void Unscheduled_explicit_right_follows_opening_hours()
    {
        AssertGranted(GrantBasis.ExplicitRight, Decide(RightHolder, "local-technique", TuesdayMorning));
        AssertDenied(DenyReason.OutOfHours, Decide(RightHolder, "local-technique", Local(2026, 12, 1, 20, 0)));
        AssertDenied(DenyReason.ClosureDay, Decide(RightHolder, "local-technique", Local(2026, 12, 25, 10, 0)));
        AssertDenied(DenyReason.NoRightForZone, Decide(Active, "local-technique", TuesdayMorning));
    }

    [Fact]
    public void Door_to_a_zone_the_site_does_not_define_opens_only_to_staff()
    {
        AssertDenied(DenyReason.NoRightForZone, Decide(Active, "nulle-part", TuesdayMorning));
    }

    [Fact]
    public void Spring_forward_day_uses_summer_time_from_three_in_the_morning()
    {
        var site = Create(EveryDay());
        var engine = new AccessDecisionEngine(site, new AccessStore(_snapshot));
        var door = site.DoorTo("open-space");

        // Saturday 28 March 2026, winter time (UTC+1).
        AssertDenied(DenyReason.OutOfHours, engine.Decide(Active, door, Utc(2026, 3, 28, 6, 59)));
        AssertGranted(GrantBasis.CommonArea, engine.Decide(Active, door, Utc(2026, 3, 28, 7, 0)));
        // Sunday 29 March 2026, summer time (UTC+2) since 01:00 UTC.
        AssertGranted(GrantBasis.CommonArea, engine.Decide(Active, door, Utc(2026, 3, 29, 6, 0)));
        AssertDenied(DenyReason.OutOfHours, engine.Decide(Active, door, Utc(2026, 3, 29, 5, 59)));
        AssertGranted(GrantBasis.CommonArea, engine.Decide(Active, door, Utc(2026, 3, 29, 16, 59)));
        AssertDenied(DenyReason.OutOfHours, engine.Decide(Active, door, Utc(2026, 3, 29, 17, 0)));
        Assert.Equal(new DateOnly(2026, 3, 29), engine.LocalDate(Utc(2026, 3, 28, 23, 0)));
    }

    [Fact]
    public void Fall_back_day_uses_winter_time_from_three_in_the_morning()
    {
        var site = Create(EveryDay());
        var engine = new AccessDecisionEngine(site, new AccessStore(_snapshot));
        var door = site.DoorTo("open-space");

        // Saturday 24 October 2026, summer time (UTC+2).
        AssertGranted(GrantBasis.CommonArea, engine.Decide(Active, door, Utc(2026, 10, 24, 6, 0)));
        AssertDenied(DenyReason.OutOfHours, engine.Decide(Active, door, Utc(2026, 10, 24, 17, 0)));
        // Sunday 25 October 2026, winter time (UTC+1) since 01:00 UTC.
        AssertDenied(DenyReason.OutOfHours, engine.Decide(Active, door, Utc(2026, 10, 25, 6, 59)));
        AssertGranted(GrantBasis.CommonArea, engine.Decide(Active, door, Utc(2026, 10, 25, 7, 0)));
        AssertGranted(GrantBasis.CommonArea, engine.Decide(Active, door, Utc(2026, 10, 25, 17, 59)));
        AssertDenied(DenyReason.OutOfHours, engine.Decide(Active, door, Utc(2026, 10, 25, 18, 0)));
    }

    [Fact]
    public void Offset_cache_follows_the_change_within_one_engine_minute_by_minute()
    {
        var site = Create(WeeklySchedule.Always);
        var engine = new AccessDecisionEngine(site, new AccessStore(_snapshot));

        Assert.Equal(new DateOnly(2026, 10, 25), engine.LocalDate(Utc(2026, 10, 24, 22, 0)));
        Assert.Equal(new DateOnly(2026, 10, 24), engine.LocalDate(Utc(2026, 10, 24, 21, 59)));
        for (var minute = 0; minute < 180; minute++)
        {
            var instant = Utc(2026, 10, 24, 23, 0).AddMinutes(minute);
            Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Paris).DateTime), engine.LocalDate(instant));
        }
    }

    [Fact]
    public void Deciding_allocates_nothing()
    {
        var door = _site.DoorTo("open-space");
        var office = _site.DoorTo("bureau-1");
        var room = _site.DoorTo("salle-visio");
        Credential[] badges = [Active, Unknown, Revoked, Lessee, RightHolder, Staff, ActiveWiegand];
        for (var i = 0; i < 2_000; i++)
        {
            foreach (var badge in badges)
            {
                _engine.Decide(badge, door, TuesdayMorning.AddSeconds(i));
                _engine.Decide(badge, office, TuesdayMorning.AddSeconds(i));
                _engine.Decide(badge, room, TuesdayMorning.AddSeconds(i));
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var granted = 0;
        for (var i = 0; i < 10_000; i++)
        {
            foreach (var badge in badges)
            {
                granted += _engine.Decide(badge, door, TuesdayMorning.AddSeconds(i)).Granted ? 1 : 0;
                granted += _engine.Decide(badge, office, TuesdayMorning.AddSeconds(i)).Granted ? 1 : 0;
                granted += _engine.Decide(badge, room, TuesdayMorning.AddSeconds(i)).Granted ? 1 : 0;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(granted > 0);
    }

    [Fact]
    public void A_published_snapshot_is_used_by_the_next_decision()
    {
        var store = new AccessStore(AccessSnapshot.Empty);
        var engine = new AccessDecisionEngine(_site, store);
        var door = _site.DoorTo("open-space");
        var changes = 0;
        store.SnapshotChanged += (_, _) => changes++;

        AssertDenied(DenyReason.UnknownBadge, engine.Decide(Active, door, TuesdayMorning));
        store.Publish(_snapshot);
        AssertGranted(GrantBasis.CommonArea, engine.Decide(Active, door, TuesdayMorning));

        var builder = new AccessSnapshotBuilder();
        builder.Add(new MemberRecord("active", "Amélie", MemberStatus.Suspended, null, null, false));
        builder.AddBadge(Active, BadgeState.Active, "active");
        store.Publish(builder.Build());
        AssertDenied(DenyReason.MemberSuspended, engine.Decide(Active, door, TuesdayMorning));
        Assert.Equal(2, changes);
    }

    private static WeeklySchedule EveryDay() => Days(Enum.GetValues<DayOfWeek>());
}
