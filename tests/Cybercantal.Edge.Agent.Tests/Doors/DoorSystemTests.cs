using System.Device.Gpio;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Protocol.Journal;
using static Cybercantal.Edge.Agent.Tests.Doors.DoorRig;

namespace Cybercantal.Edge.Agent.Tests.Doors;

public sealed class DoorSystemTests
{
    private static readonly int[] StrikePins = [EntreeStrike, BureauStrike, SecoursStrike];

    [Fact]
    public void Boot_writes_only_the_locked_level_on_every_strike_as_initial_value()
    {
        using var rig = new DoorRig();
        rig.Time.Advance(TimeSpan.FromMinutes(5));

        foreach (var pin in StrikePins)
        {
            var writes = rig.WritesTo(pin);
            var first = Assert.Single(writes);
            Assert.True(first.IsInitialValue);
        }

        Assert.Equal(PinValue.Low, rig.WritesTo(EntreeStrike)[0].Value);
        Assert.Equal(PinValue.Low, rig.WritesTo(BureauStrike)[0].Value);

        // The fail-safe maglock unlocks on LOW, so its locked level is HIGH.
        Assert.Equal(PinValue.High, rig.WritesTo(SecoursStrike)[0].Value);
        Assert.All(rig.System.Doors, d => Assert.True(d.Snapshot.IsLocked));
    }

    [Fact]
    public void Boot_opens_every_strike_before_any_input()
    {
        using var rig = new DoorRig(autoStart: false);
        var inputsOpenAtFirstStrike = new List<bool>();
        rig.Driver.Written += w =>
        {
            if (w.IsInitialValue)
            {
                inputsOpenAtFirstStrike.Add(rig.Driver.IsOpen(EntreeSensor) || rig.Driver.IsOpen(FirePin) || rig.Driver.IsOpen(SecoursExit));
            }
        };

        rig.System.Start();

        Assert.Equal([false, false, false], inputsOpenAtFirstStrike);
        Assert.True(rig.Driver.IsOpen(EntreeSensor));
        Assert.True(rig.Driver.IsOpen(FirePin));
    }

    [Fact]
    public void Shutdown_leaves_every_strike_locked_and_releases_the_lines()
    {
        var rig = new DoorRig();
        rig.Entree.Grant();
        rig.PressExit(SecoursExit);
        Assert.Equal(PinValue.Low, rig.StrikeLevel(SecoursStrike));

        rig.System.Stop();

        Assert.Equal(PinValue.Low, rig.WritesTo(EntreeStrike)[^1].Value);
        Assert.Equal(PinValue.Low, rig.WritesTo(BureauStrike)[^1].Value);
        Assert.Equal(PinValue.High, rig.WritesTo(SecoursStrike)[^1].Value);
        foreach (var pin in StrikePins)
        {
            Assert.False(rig.Driver.IsOpen(pin));
        }

        Assert.False(rig.Driver.IsOpen(EntreeSensor));
        Assert.False(rig.Driver.IsOpen(FirePin));
        Assert.Equal("locked", rig.StatesOf("entree")[^1]);
        Assert.Equal("locked", rig.StatesOf("secours")[^1]);
        Assert.False(rig.Entree.Grant());

        // Timers that were running do nothing after the stop.
        var writes = rig.Driver.Writes.Count;
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(writes, rig.Driver.Writes.Count);
        rig.Dispose();
    }

    [Fact]
    public void Shutdown_during_a_fire_alarm_keeps_fail_safe_doors_released()
    {
        var rig = new DoorRig();
        rig.SetFire(active: true);
        rig.System.Stop();

        Assert.Equal(PinValue.Low, rig.WritesTo(SecoursStrike)[^1].Value);
        Assert.Equal(PinValue.Low, rig.WritesTo(EntreeStrike)[^1].Value);
        rig.Dispose();
    }

    [Fact]
    public void Busy_strike_pin_at_start_throws_naming_the_pin_and_the_door()
    {
        using var rig = new DoorRig(autoStart: false);
        rig.Driver.FailOpening(BureauStrike, new IOException("Device or resource busy"));

        var ex = Assert.Throws<DoorHardwareException>(rig.System.Start);

        Assert.Equal("GPIO 18 (strike of door 'bureau') could not be opened: Device or resource busy", ex.Message);
        Assert.Equal((18, "bureau"), (ex.Pin, ex.DoorId));

        // The strike opened before the failure is left locked and released.
        Assert.Equal(PinValue.Low, rig.WritesTo(EntreeStrike)[^1].Value);
        Assert.False(rig.Driver.IsOpen(EntreeStrike));
    }

    [Fact]
    public void Busy_sensor_or_fire_pin_at_start_names_its_use()
    {
        using (var rig = new DoorRig(autoStart: false))
        {
            rig.Driver.FailOpening(SecoursExit, new UnauthorizedAccessException("Permission denied"));
            var ex = Assert.Throws<DoorHardwareException>(rig.System.Start);
            Assert.Equal("GPIO 26 (exit button of door 'secours') could not be opened: Permission denied", ex.Message);
        }

        using (var rig = new DoorRig(autoStart: false))
        {
            rig.Driver.FailOpening(FirePin, new IOException("busy"));
            var ex = Assert.Throws<DoorHardwareException>(rig.System.Start);
            Assert.Equal("GPIO 5 (fire alarm input) could not be opened: busy", ex.Message);
            Assert.Null(ex.DoorId);
        }
    }

    [Fact]
    public void Lockdown_denies_grants_and_ends_a_running_grant()
    {
        using var rig = new DoorRig();
        rig.Entree.Grant();
        rig.System.SetLockdown(true, "hub");

        Assert.True(rig.System.IsLockdown);
        Assert.True(rig.Entree.Snapshot.IsLocked);
        Assert.False(rig.Entree.Grant());
        Assert.True(rig.Entree.Snapshot.IsLocked);
        var entry = Assert.Single(rig.Journal.OfKind(JournalRecordKind.LockdownChanged));
        Assert.Equal("on:hub", entry.Detail);

        rig.System.SetLockdown(false, "console:operator");
        Assert.True(rig.Entree.Grant());
        Assert.Equal("off:console:operator", rig.Journal.OfKind(JournalRecordKind.LockdownChanged)[^1].Detail);
    }

    [Fact]
    public void Lockdown_still_lets_the_exit_button_release_for_egress()
    {
        using var rig = new DoorRig();
        rig.System.SetLockdown(true, "hub");
        rig.SetInputSettled(EntreeExit, high: true);

        Assert.Equal(DoorUnlockReason.Exit, rig.Entree.Snapshot.Reason);
        Assert.Equal(PinValue.High, rig.StrikeLevel(EntreeStrike));
        rig.OpenDoor(EntreeSensor);
        Assert.Empty(rig.Journal.OfKind(JournalRecordKind.DoorForcedOpen));
    }

    [Fact]
    public void Fire_alarm_releases_fail_safe_doors_only_and_relocks_when_cleared()
    {
        using var rig = new DoorRig();
        var events = new List<bool>();
        rig.System.EmergencyChanged += events.Add;

        rig.SetFire(active: true);

        Assert.True(rig.System.IsEmergency);
        Assert.Equal(DoorUnlockReason.Emergency, rig.Secours.Snapshot.Reason);
        Assert.Equal(PinValue.Low, rig.StrikeLevel(SecoursStrike));
        Assert.True(rig.Entree.Snapshot.IsLocked);
        Assert.True(rig.Bureau.Snapshot.IsLocked);
        Assert.Single(rig.WritesTo(EntreeStrike));

        // Free passage: opening a released door is neither forced nor held open.
        rig.OpenDoor(SecoursSensor);
        rig.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(DoorAlarms.None, rig.Secours.Snapshot.Alarms);
        rig.CloseDoor(SecoursSensor);

        rig.SetFire(active: false);
        Assert.False(rig.System.IsEmergency);
        Assert.True(rig.Secours.Snapshot.IsLocked);
        Assert.Equal(PinValue.High, rig.StrikeLevel(SecoursStrike));
        Assert.Equal([true, false], events);
        Assert.Equal(["active", "cleared"], rig.Journal.OfKind(JournalRecordKind.EmergencyReleaseChanged).Select(e => e.Detail));
        Assert.Equal(["closed", "locked", "unlocked:emergency", "open", "closed", "locked"], rig.StatesOf("secours"));
    }

    [Fact]
    public void Fire_alarm_wins_over_lockdown_and_relock_timers()
    {
        using var rig = new DoorRig();
        rig.PressExit(SecoursExit);
        rig.System.SetLockdown(true, "hub");
        rig.SetFire(active: true);

        Assert.Equal(DoorUnlockReason.Emergency, rig.Secours.Snapshot.Reason);
        rig.Time.Advance(UnlockTime * 3);
        Assert.Equal(DoorUnlockReason.Emergency, rig.Secours.Snapshot.Reason);
        Assert.Equal(PinValue.Low, rig.StrikeLevel(SecoursStrike));

        rig.SetFire(active: false);
        Assert.True(rig.Secours.Snapshot.IsLocked);
        Assert.True(rig.Secours.Snapshot.Lockdown);
    }

    [Fact]
    public void Fire_alarm_active_at_boot_releases_fail_safe_doors_after_the_locked_initial_value()
    {
        using var rig = new DoorRig(autoStart: false);
        rig.Driver.SetInput(FirePin, PinValue.High);
        rig.System.Start();

        Assert.True(rig.System.IsEmergency);
        var writes = rig.WritesTo(SecoursStrike);
        Assert.Equal([(PinValue.High, true), (PinValue.Low, false)], writes.Select(w => (w.Value, w.IsInitialValue)));
        Assert.True(rig.Entree.Snapshot.IsLocked);
    }

    [Fact]
    public void Fire_alarm_bounce_is_ignored()
    {
        using var rig = new DoorRig();
        rig.Driver.Pulse(FirePin, PinValue.High);
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(rig.System.IsEmergency);
        Assert.Empty(rig.Journal.OfKind(JournalRecordKind.EmergencyReleaseChanged));
    }

    [Fact]
    public void Door_state_changes_are_published_with_snapshots()
    {
        using var rig = new DoorRig();
        rig.Changes.Clear();

        rig.Bureau.Grant();
        rig.OpenDoor(BureauSensor);

        Assert.Equal(
            [("bureau", DoorUnlockReason.Grant, DoorPosition.Closed), ("bureau", DoorUnlockReason.Grant, DoorPosition.Open)],
            rig.Changes.Select(c => (c.DoorId, c.Reason, c.Position)));
    }

    [Fact]
    public void Find_returns_doors_by_id()
    {
        using var rig = new DoorRig();
        Assert.Equal(3, rig.System.Doors.Count);
        Assert.Equal("bureau", rig.System.Find("bureau")!.DoorId);
        Assert.Null(rig.System.Find("cave"));
    }

    [Fact]
    public async Task Concurrent_grants_inputs_and_lockdowns_leave_a_consistent_state()
    {
        using var rig = new DoorRig();
        using var start = new ManualResetEventSlim();
        var workers = new[]
        {
            Task.Run(() =>
            {
                start.Wait();
                for (var i = 0; i < 2000; i++)
                {
                    rig.Entree.Grant();
                    rig.Secours.Grant();
                }
            }),
            Task.Run(() =>
            {
                start.Wait();
                for (var i = 0; i < 500; i++)
                {
                    rig.System.SetLockdown(i % 2 == 0, "test");
                }
            }),
            Task.Run(() =>
            {
                start.Wait();
                for (var i = 0; i < 500; i++)
                {
                    rig.Driver.SetInput(EntreeSensor, i % 2 == 0 ? PinValue.High : PinValue.Low);
                    rig.Driver.SetInput(FirePin, i % 3 == 0 ? PinValue.High : PinValue.Low);
                }
            }),
        };
        start.Set();
        await Task.WhenAll(workers);

        rig.System.SetLockdown(false, "test");
        rig.Driver.SetInput(EntreeSensor, PinValue.Low);
        rig.Driver.SetInput(FirePin, PinValue.Low);
        rig.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(rig.System.IsEmergency);
        Assert.All(rig.System.Doors, d => Assert.True(d.Snapshot.IsLocked));
        Assert.Equal(PinValue.Low, rig.StrikeLevel(EntreeStrike));
        Assert.Equal(PinValue.High, rig.StrikeLevel(SecoursStrike));
        Assert.Equal(DoorPosition.Closed, rig.Entree.Snapshot.Position);
    }
}
