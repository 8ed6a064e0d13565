using System.Device.Gpio;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Protocol.Journal;
using static Cybercantal.Edge.Agent.Tests.Doors.DoorRig;

namespace Cybercantal.Edge.Agent.Tests.Doors;

public sealed class DoorScheduleTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private static WeeklySchedule Daily(TimeOnly from, TimeOnly to, params DayOfWeek[] days) =>
        new((days.Length == 0 ? Enum.GetValues<DayOfWeek>() : days)
            .ToDictionary(d => d, _ => (IReadOnlyList<TimeRange>)[new TimeRange(from, to)]));

    private static void AdvanceTo(DoorRig rig, DateTimeOffset instant) => rig.Time.Advance(instant - rig.Now);

    [Fact]
    public void Scheduled_unlock_begins_and_ends_exactly_at_the_local_boundaries()
    {
        // Monday 2 March 2026, 07:00 in Paris (UTC+1); open space free from 08:00 to 19:00 on weekdays.
        var schedule = Daily(new TimeOnly(8, 0), new TimeOnly(19, 0), DayOfWeek.Monday, DayOfWeek.Tuesday);
        using var rig = new DoorRig(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero), schedule);
        var begin = new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 3, 2, 18, 0, 0, TimeSpan.Zero);

        AdvanceTo(rig, begin - Tick);
        Assert.True(rig.Entree.Snapshot.IsLocked);
        rig.Time.Advance(Tick);
        Assert.Equal(DoorUnlockReason.Schedule, rig.Entree.Snapshot.Reason);
        Assert.Equal((PinValue.High, begin), (rig.WritesTo(EntreeStrike)[^1].Value, rig.WritesTo(EntreeStrike)[^1].At));

        AdvanceTo(rig, end - Tick);
        Assert.False(rig.Entree.Snapshot.IsLocked);
        rig.Time.Advance(Tick);
        Assert.True(rig.Entree.Snapshot.IsLocked);
        Assert.Equal((PinValue.Low, end), (rig.WritesTo(EntreeStrike)[^1].Value, rig.WritesTo(EntreeStrike)[^1].At));

        Assert.Equal(["active", "inactive"], rig.Journal.OfKind(JournalRecordKind.ScheduledUnlockChanged).Select(e => e.Detail));
        Assert.Equal(["closed", "locked", "unlocked:schedule", "locked"], rig.StatesOf("entree"));

        // The next morning it opens again, still on time.
        var tuesday = new DateTimeOffset(2026, 3, 3, 7, 0, 0, TimeSpan.Zero);
        AdvanceTo(rig, tuesday - Tick);
        Assert.True(rig.Entree.Snapshot.IsLocked);
        rig.Time.Advance(Tick);
        Assert.Equal(DoorUnlockReason.Schedule, rig.Entree.Snapshot.Reason);
    }

    [Fact]
    public void Scheduled_unlock_follows_local_time_across_the_spring_dst_change()
    {
        // Saturday 28 March 2026 21:00 in Paris (UTC+1). Clocks go to UTC+2 at 01:00 UTC on Sunday 29 March.
        using var rig = new DoorRig(new DateTimeOffset(2026, 3, 28, 20, 0, 0, TimeSpan.Zero), Daily(new TimeOnly(8, 0), new TimeOnly(19, 0)));
        var begin = new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 3, 29, 17, 0, 0, TimeSpan.Zero);

        AdvanceTo(rig, begin - Tick);
        Assert.True(rig.Entree.Snapshot.IsLocked);
        rig.Time.Advance(Tick);
        Assert.Equal(DoorUnlockReason.Schedule, rig.Entree.Snapshot.Reason);
        Assert.Equal(begin, rig.WritesTo(EntreeStrike)[^1].At);

        AdvanceTo(rig, end - Tick);
        Assert.False(rig.Entree.Snapshot.IsLocked);
        rig.Time.Advance(Tick);
        Assert.True(rig.Entree.Snapshot.IsLocked);
        Assert.Equal(end, rig.WritesTo(EntreeStrike)[^1].At);
    }

    [Fact]
    public void A_range_starting_in_the_skipped_hour_begins_when_the_clocks_jump()
    {
        // Sunday 29 March 2026: 02:30 local time does not exist; the range starts at 03:00 CEST = 01:00 UTC.
        var schedule = Daily(new TimeOnly(2, 30), new TimeOnly(4, 0), DayOfWeek.Sunday);
        using var rig = new DoorRig(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), schedule);
        var jump = new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero);

        AdvanceTo(rig, jump - Tick);
        Assert.True(rig.Entree.Snapshot.IsLocked);
        rig.Time.Advance(Tick);
        Assert.Equal(DoorUnlockReason.Schedule, rig.Entree.Snapshot.Reason);

        var end = new DateTimeOffset(2026, 3, 29, 2, 0, 0, TimeSpan.Zero);
        AdvanceTo(rig, end - Tick);
        Assert.False(rig.Entree.Snapshot.IsLocked);
        rig.Time.Advance(Tick);
        Assert.True(rig.Entree.Snapshot.IsLocked);
    }

    [Fact]
    public void Next_boundary_at_the_autumn_change_counts_the_repeated_hour()
    {
        // Sunday 25 October 2026: clocks go back from 03:00 CEST to 02:00 CET at 01:00 UTC.
        var schedule = Daily(new TimeOnly(8, 0), new TimeOnly(19, 0));
        var saturdayEvening = new DateTimeOffset(2026, 10, 24, 18, 0, 0, TimeSpan.Zero);

        var next = ScheduleClock.NextBoundary(schedule, Paris, saturdayEvening);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 7, 0, 0, TimeSpan.Zero), ScheduleClock.NextBoundary(schedule, Paris, next));
    }

    [Fact]
    public void Door_inside_its_hours_at_boot_is_unlocked_after_the_locked_initial_value()
    {
        using var rig = new DoorRig(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), Daily(new TimeOnly(8, 0), new TimeOnly(19, 0)));

        Assert.Equal(DoorUnlockReason.Schedule, rig.Entree.Snapshot.Reason);
        Assert.Equal([(PinValue.Low, true), (PinValue.High, false)], rig.WritesTo(EntreeStrike).Select(w => (w.Value, w.IsInitialValue)));
    }

    [Fact]
    public void Lockdown_suspends_the_scheduled_unlock_and_lifting_it_restores_it()
    {
        using var rig = new DoorRig(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), Daily(new TimeOnly(8, 0), new TimeOnly(19, 0)));

        rig.System.SetLockdown(true, "hub");
        Assert.True(rig.Entree.Snapshot.IsLocked);
        Assert.True(rig.Entree.Snapshot.ScheduleActive);
        Assert.Equal(PinValue.Low, rig.StrikeLevel(EntreeStrike));

        rig.System.SetLockdown(false, "hub");
        Assert.Equal(DoorUnlockReason.Schedule, rig.Entree.Snapshot.Reason);
        Assert.Equal(["closed", "locked", "unlocked:schedule", "locked", "unlocked:schedule"], rig.StatesOf("entree"));
    }

    [Fact]
    public void Lockdown_keeps_a_schedule_that_begins_from_unlocking()
    {
        using var rig = new DoorRig(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero), Daily(new TimeOnly(8, 0), new TimeOnly(19, 0)));
        rig.System.SetLockdown(true, "hub");

        rig.Time.Advance(TimeSpan.FromHours(2));

        Assert.True(rig.Entree.Snapshot.IsLocked);
        Assert.Single(rig.WritesTo(EntreeStrike));
        Assert.Equal(["active"], rig.Journal.OfKind(JournalRecordKind.ScheduledUnlockChanged).Select(e => e.Detail));
    }

    [Fact]
    public void Door_held_open_during_free_passage_raises_no_alarm()
    {
        using var rig = new DoorRig(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), Daily(new TimeOnly(8, 0), new TimeOnly(19, 0)));
        rig.OpenDoor(EntreeSensor);
        rig.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(DoorAlarms.None, rig.Entree.Snapshot.Alarms);
        Assert.Empty(rig.Journal.OfKind(JournalRecordKind.DoorForcedOpen));
        Assert.Empty(rig.Journal.OfKind(JournalRecordKind.DoorHeldOpenPreAlarm));
    }
}
