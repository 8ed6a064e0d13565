using System.Device.Gpio;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Gpio;
using Microsoft.Extensions.Logging.Abstractions;
using Cybercantal.Edge.Protocol.Journal;
using static Cybercantal.Edge.Agent.Tests.Doors.DoorRig;

namespace Cybercantal.Edge.Agent.Tests.Doors;

public sealed class DoorControllerTests
{
    [Fact]
    public void Grant_unlocks_for_exactly_the_strike_time_then_relocks()
    {
        using var rig = new DoorRig();
        var grantedAt = rig.Now;

        Assert.True(rig.Entree.Grant());
        Assert.Equal(DoorUnlockReason.Grant, rig.Entree.Snapshot.Reason);
        Assert.Equal(PinValue.High, rig.StrikeLevel(EntreeStrike));

        rig.Time.Advance(UnlockTime - TimeSpan.FromMilliseconds(1));
        Assert.Equal(PinValue.High, rig.StrikeLevel(EntreeStrike));
        rig.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(rig.Entree.Snapshot.IsLocked);
        var writes = rig.WritesTo(EntreeStrike);
        Assert.Equal(3, writes.Count);
        Assert.Equal((PinValue.Low, true), (writes[0].Value, writes[0].IsInitialValue));
        Assert.Equal((PinValue.High, grantedAt), (writes[1].Value, writes[1].At));
        Assert.Equal((PinValue.Low, grantedAt + UnlockTime), (writes[2].Value, writes[2].At));
        Assert.Equal(["closed", "locked", "unlocked:grant", "locked"], rig.StatesOf("entree"));
    }

    [Fact]
    public void A_second_grant_extends_the_unlock_from_its_own_time()
    {
        using var rig = new DoorRig();
        rig.Entree.Grant();
        rig.Time.Advance(TimeSpan.FromSeconds(3));
        var second = rig.Now;
        rig.Entree.Grant();

        rig.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(rig.Entree.Snapshot.IsLocked);
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(rig.Entree.Snapshot.IsLocked);
        Assert.Equal(second + UnlockTime, rig.WritesTo(EntreeStrike)[^1].At);
        Assert.Equal(3, rig.WritesTo(EntreeStrike).Count);
    }

    [Fact]
    public void Door_opened_and_closed_after_a_grant_relocks_at_once()
    {
        using var rig = new DoorRig();
        rig.Entree.Grant();
        rig.OpenDoor(EntreeSensor);
        Assert.Equal(DoorPosition.Open, rig.Entree.Snapshot.Position);
        Assert.False(rig.Entree.Snapshot.IsLocked);

        rig.Time.Advance(TimeSpan.FromSeconds(1));
        rig.CloseDoor(EntreeSensor);

        Assert.True(rig.Entree.Snapshot.IsLocked);
        Assert.Equal(PinValue.Low, rig.StrikeLevel(EntreeStrike));
        Assert.Equal(rig.Now, rig.WritesTo(EntreeStrike)[^1].At);
        Assert.Equal(["closed", "locked", "unlocked:grant", "open", "closed", "locked"], rig.StatesOf("entree"));
        Assert.Empty(rig.Journal.OfKind(JournalRecordKind.DoorForcedOpen));

        // The relock timer that was running does nothing more when it would have expired.
        var writes = rig.WritesTo(EntreeStrike).Count;
        rig.Time.Advance(UnlockTime);
        Assert.Equal(writes, rig.WritesTo(EntreeStrike).Count);
    }

    [Fact]
    public void Door_opened_without_any_unlock_raises_forced_open_cleared_on_close()
    {
        using var rig = new DoorRig();
        rig.OpenDoor(EntreeSensor);

        Assert.Equal(DoorAlarms.ForcedOpen, rig.Entree.Snapshot.Alarms);
        Assert.Single(rig.Journal.OfKind(JournalRecordKind.DoorForcedOpen));

        rig.CloseDoor(EntreeSensor);
        Assert.Equal(DoorAlarms.None, rig.Entree.Snapshot.Alarms);
        var cleared = Assert.Single(rig.Journal.OfKind(JournalRecordKind.DoorAlarmCleared));
        Assert.Equal(("entree", "forced-open"), (cleared.DoorId, cleared.Detail));
    }

    [Fact]
    public void Door_opened_after_the_grant_expired_is_forced()
    {
        using var rig = new DoorRig();
        rig.Entree.Grant();
        rig.Time.Advance(UnlockTime);
        rig.OpenDoor(EntreeSensor);

        Assert.True((rig.Entree.Snapshot.Alarms & DoorAlarms.ForcedOpen) != 0);
    }

    [Fact]
    public void Exit_request_unlocks_for_egress_and_shunts_the_forced_alarm()
    {
        using var rig = new DoorRig();
        rig.SetInputSettled(EntreeExit, high: true);

        Assert.Equal(DoorUnlockReason.Exit, rig.Entree.Snapshot.Reason);
        Assert.Single(rig.Journal.OfKind(JournalRecordKind.DoorExitRequest));

        rig.OpenDoor(EntreeSensor);
        rig.SetInputSettled(EntreeExit, high: false);
        Assert.Empty(rig.Journal.OfKind(JournalRecordKind.DoorForcedOpen));

        rig.CloseDoor(EntreeSensor);
        Assert.True(rig.Entree.Snapshot.IsLocked);
        Assert.Equal(["closed", "locked", "unlocked:exit", "open", "closed", "locked"], rig.StatesOf("entree"));
    }

    [Fact]
    public void Exit_request_without_opening_relocks_after_the_strike_time()
    {
        using var rig = new DoorRig();
        var pressed = rig.Now + Debounce;
        rig.PressExit(EntreeExit);

        // FakeTimeProvider fires timers with the clock at the end of the advance: step to the due time exactly.
        rig.Time.Advance(pressed + UnlockTime - rig.Now - TimeSpan.FromMilliseconds(1));
        Assert.Equal(DoorUnlockReason.Exit, rig.Entree.Snapshot.Reason);
        rig.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(rig.Entree.Snapshot.IsLocked);
        Assert.Equal(pressed, rig.WritesTo(EntreeStrike)[^2].At);
        Assert.Equal(pressed + UnlockTime, rig.WritesTo(EntreeStrike)[^1].At);
    }

    [Fact]
    public void Held_open_pre_alarm_and_alarm_at_the_configured_times_then_cleared_on_close()
    {
        using var rig = new DoorRig();
        rig.Entree.Grant();
        rig.OpenDoor(EntreeSensor);
        var openedAt = rig.Now;

        rig.Time.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(rig.Journal.OfKind(JournalRecordKind.DoorHeldOpenPreAlarm));
        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(DoorAlarms.HeldOpenPreAlarm, rig.Entree.Snapshot.Alarms);
        Assert.Single(rig.Journal.OfKind(JournalRecordKind.DoorHeldOpenPreAlarm));
        Assert.Equal(openedAt + TimeSpan.FromSeconds(20), rig.Changes[^1].At);

        rig.Time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(rig.Journal.OfKind(JournalRecordKind.DoorHeldOpen));
        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(DoorAlarms.HeldOpenPreAlarm | DoorAlarms.HeldOpen, rig.Entree.Snapshot.Alarms);
        Assert.Equal(openedAt + TimeSpan.FromSeconds(30), rig.Changes[^1].At);

        rig.CloseDoor(EntreeSensor);
        Assert.Equal(DoorAlarms.None, rig.Entree.Snapshot.Alarms);
        var cleared = Assert.Single(rig.Journal.OfKind(JournalRecordKind.DoorAlarmCleared));
        Assert.Equal("held-open", cleared.Detail);
        Assert.Empty(rig.Journal.OfKind(JournalRecordKind.DoorForcedOpen));
    }

    [Fact]
    public void Door_closed_before_the_pre_alarm_raises_nothing()
    {
        using var rig = new DoorRig();
        rig.Entree.Grant();
        rig.OpenDoor(EntreeSensor);
        rig.Time.Advance(TimeSpan.FromSeconds(10));
        rig.CloseDoor(EntreeSensor);
        rig.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(rig.Journal.OfKind(JournalRecordKind.DoorHeldOpenPreAlarm));
        Assert.Empty(rig.Journal.OfKind(JournalRecordKind.DoorAlarmCleared));
    }

    [Fact]
    public void Bounces_shorter_than_the_debounce_are_ignored()
    {
        using var rig = new DoorRig();
        for (var i = 0; i < 5; i++)
        {
            rig.Driver.SetInput(EntreeSensor, PinValue.High);
            rig.Time.Advance(TimeSpan.FromMilliseconds(20));
            rig.Driver.SetInput(EntreeSensor, PinValue.Low);
            rig.Time.Advance(TimeSpan.FromMilliseconds(20));
        }

        rig.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(DoorPosition.Closed, rig.Entree.Snapshot.Position);
        Assert.Empty(rig.Journal.OfKind(JournalRecordKind.DoorForcedOpen));
        Assert.Equal(["closed", "locked"], rig.StatesOf("entree"));
    }

    [Fact]
    public void A_level_counts_once_stable_for_the_debounce_time_after_the_last_bounce()
    {
        using var rig = new DoorRig();
        rig.Entree.Grant();
        rig.Driver.SetInput(EntreeSensor, PinValue.High);
        rig.Time.Advance(TimeSpan.FromMilliseconds(30));
        rig.Driver.Pulse(EntreeSensor, PinValue.Low);
        var lastEdge = rig.Now;

        rig.Time.Advance(Debounce - TimeSpan.FromMilliseconds(1));
        Assert.Equal(DoorPosition.Closed, rig.Entree.Snapshot.Position);
        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(DoorPosition.Open, rig.Entree.Snapshot.Position);
        Assert.Equal(lastEdge + Debounce, rig.Changes[^1].At);
    }

    [Fact]
    public void Strike_write_failure_is_journaled_once_and_retried_never_thrown()
    {
        using var rig = new DoorRig();
        rig.Driver.FailWriting(EntreeStrike, new IOException("relay board gone"));

        Assert.True(rig.Entree.Grant());
        Assert.Equal(DoorAlarms.HardwareFault, rig.Entree.Snapshot.Alarms);
        Assert.True(rig.Entree.Snapshot.IsLocked);
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var fault = Assert.Single(rig.Journal.OfKind(JournalRecordKind.HardwareFault));
        Assert.Equal(("entree", "fault:strike-write"), (fault.DoorId, fault.Detail));

        // The relay answers again: the retry applies what the state asks for (the grant is still running).
        rig.Driver.RestoreWriting(EntreeStrike);
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(DoorAlarms.None, rig.Entree.Snapshot.Alarms);
        Assert.Equal(DoorUnlockReason.Grant, rig.Entree.Snapshot.Reason);
        Assert.Equal("recovered:strike-write", rig.Journal.OfKind(JournalRecordKind.HardwareFault)[^1].Detail);

        rig.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(rig.Entree.Snapshot.IsLocked);
        Assert.Equal(PinValue.Low, rig.StrikeLevel(EntreeStrike));
    }

    [Fact]
    public void Failed_relock_is_retried_until_the_strike_is_locked()
    {
        using var rig = new DoorRig();
        rig.Entree.Grant();
        rig.Driver.FailWriting(EntreeStrike, new IOException("relay board gone"));
        rig.Time.Advance(UnlockTime);
        Assert.Equal(DoorAlarms.HardwareFault, rig.Entree.Snapshot.Alarms);
        Assert.Equal(PinValue.High, rig.StrikeLevel(EntreeStrike));

        rig.Driver.RestoreWriting(EntreeStrike);
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(rig.Entree.Snapshot.IsLocked);
        Assert.Equal(PinValue.Low, rig.StrikeLevel(EntreeStrike));
        Assert.Equal("locked", rig.StatesOf("entree")[^1]);
    }

    [Fact]
    public void Every_state_change_is_journaled_in_order_with_the_door_id()
    {
        using var rig = new DoorRig();
        rig.Entree.Grant();
        rig.OpenDoor(EntreeSensor);
        rig.Time.Advance(TimeSpan.FromSeconds(20));
        rig.CloseDoor(EntreeSensor);
        rig.OpenDoor(EntreeSensor);
        rig.CloseDoor(EntreeSensor);

        Assert.Equal(
            [
                (JournalRecordKind.DoorStateChanged, "closed"),
                (JournalRecordKind.DoorStateChanged, "locked"),
                (JournalRecordKind.DoorStateChanged, "unlocked:grant"),
                (JournalRecordKind.DoorStateChanged, "open"),
                (JournalRecordKind.DoorStateChanged, "locked"),
                (JournalRecordKind.DoorHeldOpenPreAlarm, "held-open-prealarm"),
                (JournalRecordKind.DoorStateChanged, "closed"),
                (JournalRecordKind.DoorAlarmCleared, "held-open-prealarm"),
                (JournalRecordKind.DoorStateChanged, "open"),
                (JournalRecordKind.DoorForcedOpen, "forced-open"),
                (JournalRecordKind.DoorStateChanged, "closed"),
                (JournalRecordKind.DoorAlarmCleared, "forced-open"),
            ],
            rig.EntriesOf("entree"));
    }

    [Fact]
    public void Grant_does_not_allocate()
    {
        // The production clock: FakeTimeProvider's timers allocate on Change, the system's do not.
        using var fake = new DoorRig(autoStart: false);
        var driver = new SimulatedGpioDriver(TimeProvider.System);
        using var gpio = new GpioController(driver);
        using var system = new DoorSystem(fake.Site, gpio, new CountingJournal(), TimeProvider.System, NullLogger<DoorSystem>.Instance);
        system.Start();
        var door = system.Find("bureau")!;
        door.Grant();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            door.Grant();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
