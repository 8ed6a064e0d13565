using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Readers.Feedback;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;
using static Cybercantal.Edge.Agent.Tests.Access.AccessTestPopulation;
using static Cybercantal.Edge.Agent.Tests.Support.AccessTestSite;

namespace Cybercantal.Edge.Agent.Tests.Access;

public sealed class ReleasedBookingTests
{
    // The population's booking: "booker", salle-reunion, 1 December 2026 09:00-10:00 UTC.
    private static readonly ReleasedBooking BookersMeeting = new(
        "booker", "salle-reunion", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    private readonly SiteConfiguration _site = Create();

    [Fact]
    public void A_released_booking_no_longer_opens_the_room_and_the_refusal_says_why()
    {
        var store = new AccessStore(Build());
        var engine = new AccessDecisionEngine(_site, store);
        var door = _site.DoorTo("salle-reunion");
        Assert.True(engine.Decide(Booker, door, Utc(2026, 12, 1, 9, 5)).Granted);
        var changes = 0;
        store.SnapshotChanged += (_, _) => changes++;

        Assert.True(store.Release(BookersMeeting));
        Assert.False(store.Release(BookersMeeting));

        var decision = engine.Decide(Booker, door, Utc(2026, 12, 1, 9, 11));
        Assert.False(decision.Granted);
        Assert.Equal(DenyReason.BookingReleased, decision.Reason);
        Assert.Equal(1, changes);
        Assert.True(store.IsReleased(BookersMeeting));
        // Outside the booking the usual reason stays.
        Assert.Equal(DenyReason.NoBookingNow, engine.Decide(Booker, door, Utc(2026, 12, 1, 11, 0)).Reason);
        // Everything else of the member is untouched.
        Assert.True(engine.Decide(Booker, _site.DoorTo("open-space"), Local(2026, 12, 1, 10, 30)).Granted);
        Assert.Equal(
            "Réservation libérée : absence 10 minutes après le début",
            BadgeFeedbackMessages.For(decision, "Élodie", "Salle de réunion").French);
    }

    [Fact]
    public void A_snapshot_published_later_that_still_carries_the_booking_does_not_bring_it_back()
    {
        var store = new AccessStore(Build());
        var engine = new AccessDecisionEngine(_site, store);
        store.Release(BookersMeeting);

        // What a hub delta or a reload does: a whole new snapshot with the booking in it.
        store.Publish(Build());

        Assert.Equal(DenyReason.BookingReleased, engine.Decide(Booker, _site.DoorTo("salle-reunion"), Utc(2026, 12, 1, 9, 30)).Reason);
    }

    [Fact]
    public void A_moved_booking_or_another_members_booking_is_not_released()
    {
        var store = new AccessStore(Build());
        var engine = new AccessDecisionEngine(_site, store);
        store.Release(BookersMeeting with { MemberId = "someone-else" });
        store.Release(BookersMeeting with { Start = BookersMeeting.Start.AddMinutes(30) });

        Assert.True(engine.Decide(Booker, _site.DoorTo("salle-reunion"), Utc(2026, 12, 1, 9, 30)).Granted);
    }

    [Fact]
    public void Deciding_against_a_released_booking_allocates_nothing()
    {
        var store = new AccessStore(Build());
        var engine = new AccessDecisionEngine(_site, store);
        store.Release(BookersMeeting);
        var door = _site.DoorTo("salle-reunion");
        var at = Utc(2026, 12, 1, 9, 30);
        for (var i = 0; i < 1_000; i++)
        {
            engine.Decide(Booker, door, at);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var denied = 0;
        for (var i = 0; i < 10_000; i++)
        {
            denied += engine.Decide(Booker, door, at).Reason == DenyReason.BookingReleased ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10_000, denied);
    }
}
