using System.Device.Gpio;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Doors;

/// <summary>
/// The state machine of one door: strike relay, position sensor, exit button, held-open and forced-open
/// alarms, scheduled unlock, and the site-wide lockdown and fire release that <see cref="DoorSystem"/> pushes in.
/// </summary>
/// <remarks>
/// GPIO callbacks and timers arrive on other threads, so all state sits behind one lock per door. The
/// journal is appended under that lock so entries keep the order of the changes they record (appending only
/// queues and never calls back into doors); <see cref="StateChanged"/> subscribers run outside it.
/// </remarks>
public sealed class DoorController : IDisposable
{
    /// <summary>How soon a failed strike write is tried again (a relock must not wait for the next event).</summary>
    internal static readonly TimeSpan StrikeRetryDelay = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly DoorConfiguration _configuration;
    private readonly GpioController _gpio;
    private readonly IJournal _journal;
    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _timeZone;
    private readonly ILogger _logger;
    private readonly SiteDoorState _site;
    private readonly PinValue _lockedLevel;
    private readonly PinValue _unlockedLevel;
    private readonly ITimer _passTimer;
    private readonly ITimer _preAlarmTimer;
    private readonly ITimer _heldOpenTimer;
    private readonly ITimer _scheduleTimer;
    private readonly ITimer _retryTimer;
    private readonly DebouncedInput? _positionInput;
    private readonly DebouncedInput? _exitInput;

    private Lifecycle _lifecycle;
    private bool _strikeOpened;

    // Grant or exit window: which one, and when it ends (a stale timer callback must not end a renewed window).
    private DoorUnlockReason _pass;
    private DateTimeOffset _passEnds;
    private bool _openedDuringPass;

    private bool _scheduleActive;
    private bool _lockdown;
    private bool _emergency;
    private DoorPosition _position;
    private DoorAlarms _alarms;
    private DoorUnlockReason _reason;
    private bool _strikeUnlocked;
    private bool _heldOpenArmed;
    private DateTimeOffset _heldOpenSince;

    internal DoorController(
        DoorConfiguration configuration,
        GpioController gpio,
        IJournal journal,
        TimeProvider time,
        TimeZoneInfo timeZone,
        SiteDoorState site,
        ILogger logger)
    {
        _configuration = configuration;
        _gpio = gpio;
        _journal = journal;
        _time = time;
        _timeZone = timeZone;
        _site = site;
        _logger = logger;
        _unlockedLevel = configuration.Strike.UnlockLevel == SignalLevel.High ? PinValue.High : PinValue.Low;
        _lockedLevel = configuration.Strike.UnlockLevel == SignalLevel.High ? PinValue.Low : PinValue.High;

        _passTimer = CreateTimer(static door => door.OnPassElapsed());
        _preAlarmTimer = CreateTimer(static door => door.OnHeldOpenTimer(preAlarm: true));
        _heldOpenTimer = CreateTimer(static door => door.OnHeldOpenTimer(preAlarm: false));
        _scheduleTimer = CreateTimer(static door => door.OnScheduleBoundary());
        _retryTimer = CreateTimer(static door => door.OnStrikeRetry());

        if (configuration.PositionSensor is { } sensor)
        {
            _positionInput = new DebouncedInput(gpio, sensor, time, OnPositionChanged, ex => OnInputFault(ex, sensor.Pin));
        }

        if (configuration.ExitRequest is { } button)
        {
            _exitInput = new DebouncedInput(gpio, button, time, OnExitRequestChanged, ex => OnInputFault(ex, button.Pin));
        }
    }

    /// <summary>Raised after every change of the door's state (strike, position, alarms), outside the door's lock.</summary>
    public event Action<DoorSnapshot>? StateChanged;

    private enum Lifecycle
    {
        Created,
        Started,
        Stopped,
    }

    public string DoorId => _configuration.Id;

    public DoorConfiguration Configuration => _configuration;

    /// <summary>The door's current state.</summary>
    public DoorSnapshot Snapshot
    {
        get
        {
            lock (_gate)
            {
                return TakeSnapshot();
            }
        }
    }

    /// <summary>
    /// Unlocks the door for the strike time after an access grant; it relocks at the end of that time, or as
    /// soon as the door has opened and closed again.
    /// </summary>
    /// <returns>False, with no unlock, when the site is in lockdown or the door system is not running.</returns>
    public bool Grant()
    {
        DoorSnapshot snapshot;
        bool changed;
        lock (_gate)
        {
            if (_lifecycle != Lifecycle.Started)
            {
                return false;
            }

            if (_lockdown)
            {
                DoorsLog.GrantRefusedLockdown(_logger, _configuration.Id);
                return false;
            }

            OpenPassWindow(DoorUnlockReason.Grant);
            changed = Apply();
            snapshot = TakeSnapshot();
        }

        if (changed)
        {
            Publish(snapshot);
        }

        return true;
    }

    public void Dispose() => Shutdown(keepReleased: false);

    /// <summary>Opens the strike output already at its locked level, so booting never clicks the door open.</summary>
    internal void OpenStrike()
    {
        var pin = _configuration.Strike.Pin;
        try
        {
            _gpio.OpenPin(pin, PinMode.Output, _lockedLevel);
        }
        catch (Exception ex)
        {
            throw DoorHardwareException.OpeningFailed(pin, $"strike of door '{_configuration.Id}'", _configuration.Id, ex);
        }

        lock (_gate)
        {
            _strikeOpened = true;
        }
    }

    /// <summary>Opens the position sensor and exit button and starts listening to them.</summary>
    internal void OpenInputs()
    {
        OpenInput(_positionInput, "position sensor");
        OpenInput(_exitInput, "exit button");
    }

    /// <summary>Starts the state machine: reads the sensor, applies site state, evaluates the schedule.</summary>
    internal void Activate()
    {
        DoorSnapshot snapshot;
        lock (_gate)
        {
            if (_lifecycle != Lifecycle.Created)
            {
                return;
            }

            _lifecycle = Lifecycle.Started;
            _lockdown = _site.Lockdown;
            _emergency = _site.Emergency;
            if (_positionInput is not null)
            {
                // The door's position at boot is recorded, but an already open door is not "forced": nobody knows how it got open.
                _position = _positionInput.IsActive ? DoorPosition.Open : DoorPosition.Closed;
                Journal(JournalRecordKind.DoorStateChanged, _position == DoorPosition.Open ? DoorJournalDetails.Open : DoorJournalDetails.Closed);
            }

            Journal(JournalRecordKind.DoorStateChanged, DoorJournalDetails.Locked);
            DoorsLog.DoorLocked(_logger, _configuration.Id);
            EvaluateSchedule();
            Apply();
            snapshot = TakeSnapshot();
        }

        Publish(snapshot);
    }

    /// <summary>Applies the site's current lockdown and emergency switches.</summary>
    internal void RefreshSiteState()
    {
        DoorSnapshot snapshot;
        lock (_gate)
        {
            var lockdown = _site.Lockdown;
            var emergency = _site.Emergency;
            if (_lifecycle != Lifecycle.Started || (_lockdown == lockdown && _emergency == emergency))
            {
                return;
            }

            _lockdown = lockdown;
            _emergency = emergency;
            if (lockdown && _pass == DoorUnlockReason.Grant)
            {
                ClosePassWindow();
            }

            Apply();
            snapshot = TakeSnapshot();
        }

        Publish(snapshot);
    }

    /// <summary>
    /// Stops the state machine, drives the strike locked (unless <paramref name="keepReleased"/>: a fail-safe door
    /// during a fire alarm) and releases the door's lines. Never throws: the agent is stopping.
    /// </summary>
    internal void Shutdown(bool keepReleased)
    {
        bool strikeOpened;
        lock (_gate)
        {
            if (_lifecycle == Lifecycle.Stopped)
            {
                return;
            }

            var wasStarted = _lifecycle == Lifecycle.Started;
            _lifecycle = Lifecycle.Stopped;
            strikeOpened = _strikeOpened;
            DisarmTimers();
            _pass = DoorUnlockReason.None;
            _heldOpenArmed = false;

            var release = keepReleased && _configuration.FailMode == FailMode.FailSafe;
            if (strikeOpened && !release)
            {
                // Written even when believed locked: the last write may have failed.
                var wasUnlocked = _strikeUnlocked || _reason != DoorUnlockReason.None;
                if (TryDrive(unlock: false) && wasStarted && wasUnlocked)
                {
                    _reason = DoorUnlockReason.None;
                    Journal(JournalRecordKind.DoorStateChanged, DoorJournalDetails.Locked);
                    DoorsLog.DoorLocked(_logger, _configuration.Id);
                }
            }
        }

        _positionInput?.Dispose();
        _exitInput?.Dispose();
        _passTimer.Dispose();
        _preAlarmTimer.Dispose();
        _heldOpenTimer.Dispose();
        _scheduleTimer.Dispose();
        _retryTimer.Dispose();

        if (strikeOpened)
        {
            try
            {
                if (_gpio.IsPinOpen(_configuration.Strike.Pin))
                {
                    _gpio.ClosePin(_configuration.Strike.Pin);
                }
            }
            catch (Exception ex)
            {
                ReportFault(ex, _configuration.Strike.Pin, DoorJournalDetails.FaultPinRelease);
            }
        }
    }

    private ITimer CreateTimer(Action<DoorController> callback) =>
        _time.CreateTimer(static state => ((TimerTarget)state!).Fire(), new TimerTarget(this, callback), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private void OpenInput(DebouncedInput? input, string use)
    {
        if (input is null)
        {
            return;
        }

        try
        {
            input.Open();
        }
        catch (Exception ex)
        {
            throw DoorHardwareException.OpeningFailed(input.Pin, $"{use} of door '{_configuration.Id}'", _configuration.Id, ex);
        }
    }

    private void OnPositionChanged(bool open)
    {
        DoorSnapshot snapshot;
        lock (_gate)
        {
            var position = open ? DoorPosition.Open : DoorPosition.Closed;
            if (_lifecycle != Lifecycle.Started || position == _position)
            {
                return;
            }

            _position = position;
            if (open)
            {
                Journal(JournalRecordKind.DoorStateChanged, DoorJournalDetails.Open);
                DoorsLog.DoorOpened(_logger, _configuration.Id);
                if (_pass != DoorUnlockReason.None)
                {
                    _openedDuringPass = true;
                }

                // A pressed exit button shunts the alarm even if its debounced press is not through yet.
                if (_reason == DoorUnlockReason.None && _exitInput?.IsActive != true)
                {
                    _alarms |= DoorAlarms.ForcedOpen;
                    Journal(JournalRecordKind.DoorForcedOpen, DoorJournalDetails.ForcedOpen);
                    DoorsLog.DoorForcedOpen(_logger, _configuration.Id);
                }
            }
            else
            {
                Journal(JournalRecordKind.DoorStateChanged, DoorJournalDetails.Closed);
                DoorsLog.DoorClosed(_logger, _configuration.Id);
                ClearOpenAlarms();

                // Anti-tailgate: once the person is through and the door shut, relock without waiting out the time.
                if (_openedDuringPass && _pass != DoorUnlockReason.None)
                {
                    ClosePassWindow();
                }

                _openedDuringPass = false;
            }

            Apply();
            snapshot = TakeSnapshot();
        }

        Publish(snapshot);
    }

    private void OnExitRequestChanged(bool pressed)
    {
        if (!pressed)
        {
            return;
        }

        DoorSnapshot snapshot;
        lock (_gate)
        {
            if (_lifecycle != Lifecycle.Started)
            {
                return;
            }

            // Egress is always allowed, lockdown included.
            Journal(JournalRecordKind.DoorExitRequest, DoorJournalDetails.ExitRequest);
            DoorsLog.DoorExitRequest(_logger, _configuration.Id);
            OpenPassWindow(DoorUnlockReason.Exit);
            Apply();
            snapshot = TakeSnapshot();
        }

        Publish(snapshot);
    }

    private void OnPassElapsed()
    {
        DoorSnapshot snapshot;
        lock (_gate)
        {
            if (_lifecycle != Lifecycle.Started || _pass == DoorUnlockReason.None || _time.GetUtcNow() < _passEnds)
            {
                return;
            }

            _pass = DoorUnlockReason.None;
            _openedDuringPass = false;
            if (!Apply())
            {
                return;
            }

            snapshot = TakeSnapshot();
        }

        Publish(snapshot);
    }

    private void OnHeldOpenTimer(bool preAlarm)
    {
        DoorSnapshot snapshot;
        lock (_gate)
        {
            if (_lifecycle != Lifecycle.Started || !_heldOpenArmed)
            {
                return;
            }

            var openFor = _time.GetUtcNow() - _heldOpenSince;
            var alarm = preAlarm ? DoorAlarms.HeldOpenPreAlarm : DoorAlarms.HeldOpen;
            var threshold = preAlarm ? _configuration.HeldOpenPreAlarm : _configuration.HeldOpenAlarm;
            if (openFor < threshold || (_alarms & alarm) != 0)
            {
                return;
            }

            _alarms |= alarm;
            if (preAlarm)
            {
                Journal(JournalRecordKind.DoorHeldOpenPreAlarm, DoorJournalDetails.HeldOpenPreAlarm);
                DoorsLog.DoorHeldOpenPreAlarm(_logger, _configuration.Id, openFor);
            }
            else
            {
                Journal(JournalRecordKind.DoorHeldOpen, DoorJournalDetails.HeldOpen);
                DoorsLog.DoorHeldOpen(_logger, _configuration.Id, openFor);
            }

            snapshot = TakeSnapshot();
        }

        Publish(snapshot);
    }

    private void OnScheduleBoundary()
    {
        DoorSnapshot snapshot;
        lock (_gate)
        {
            if (_lifecycle != Lifecycle.Started)
            {
                return;
            }

            var scheduleChanged = EvaluateSchedule();
            if (!Apply() && !scheduleChanged)
            {
                return;
            }

            snapshot = TakeSnapshot();
        }

        Publish(snapshot);
    }

    private void OnStrikeRetry()
    {
        DoorSnapshot snapshot;
        lock (_gate)
        {
            if (_lifecycle != Lifecycle.Started || (_alarms & DoorAlarms.HardwareFault) == 0)
            {
                return;
            }

            // Drive the level the state asks for again, whether or not the reason changed since the failure.
            var unlock = _reason != DoorUnlockReason.None;
            if (_reason == DesiredReason())
            {
                TryDrive(unlock);
            }
            else
            {
                Apply();
            }

            snapshot = TakeSnapshot();
        }

        Publish(snapshot);
    }

    private void OnInputFault(Exception exception, int pin)
    {
        lock (_gate)
        {
            if (_lifecycle == Lifecycle.Stopped)
            {
                return;
            }
        }

        ReportFault(exception, pin, DoorJournalDetails.FaultInputRead);
    }

    /// <summary>Re-reads the schedule in the site's time zone and arms the timer for its next boundary. Under the lock.</summary>
    private bool EvaluateSchedule()
    {
        var schedule = _configuration.ScheduledUnlock;
        if (schedule.IsEmpty)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var active = ScheduleClock.IsActive(schedule, _timeZone, now);
        _scheduleTimer.Change(ScheduleClock.NextBoundary(schedule, _timeZone, now) - now, Timeout.InfiniteTimeSpan);
        if (active == _scheduleActive)
        {
            return false;
        }

        _scheduleActive = active;
        var detail = active ? DoorJournalDetails.ScheduleActive : DoorJournalDetails.ScheduleInactive;
        Journal(JournalRecordKind.ScheduledUnlockChanged, detail);
        DoorsLog.ScheduledUnlockChanged(_logger, _configuration.Id, detail);
        return true;
    }

    private void OpenPassWindow(DoorUnlockReason kind)
    {
        var unlockTime = _configuration.Strike.UnlockTime;
        _pass = kind;
        _passEnds = _time.GetUtcNow() + unlockTime;
        _openedDuringPass = _position == DoorPosition.Open;
        _passTimer.Change(unlockTime, Timeout.InfiniteTimeSpan);
    }

    private void ClosePassWindow()
    {
        _pass = DoorUnlockReason.None;
        _openedDuringPass = false;
        _passTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>What the strike should do now, strongest reason first. Under the lock.</summary>
    private DoorUnlockReason DesiredReason()
    {
        if (_emergency && _configuration.FailMode == FailMode.FailSafe)
        {
            return DoorUnlockReason.Emergency;
        }

        if (_scheduleActive && !_lockdown)
        {
            return DoorUnlockReason.Schedule;
        }

        if (_pass == DoorUnlockReason.Grant && !_lockdown)
        {
            return DoorUnlockReason.Grant;
        }

        return _pass == DoorUnlockReason.Exit ? DoorUnlockReason.Exit : DoorUnlockReason.None;
    }

    /// <summary>Brings the strike and the held-open supervision in line with the state. Under the lock; true when something changed.</summary>
    private bool Apply()
    {
        var changed = false;
        var desired = DesiredReason();
        if (desired != _reason)
        {
            var unlock = desired != DoorUnlockReason.None;
            if (unlock == _strikeUnlocked && (_alarms & DoorAlarms.HardwareFault) == 0 || TryDrive(unlock))
            {
                _reason = desired;
                Journal(JournalRecordKind.DoorStateChanged, DoorJournalDetails.ForReason(desired));
                if (unlock)
                {
                    DoorsLog.DoorUnlocked(_logger, _configuration.Id, desired);
                }
                else
                {
                    DoorsLog.DoorLocked(_logger, _configuration.Id);
                }
            }

            changed = true;
        }

        // Held-open supervision runs whenever the door is open, except in free passage (schedule, fire release).
        var supervise = _position == DoorPosition.Open && _reason is not (DoorUnlockReason.Schedule or DoorUnlockReason.Emergency);
        if (supervise && !_heldOpenArmed)
        {
            _heldOpenArmed = true;
            _heldOpenSince = _time.GetUtcNow();
            _preAlarmTimer.Change(_configuration.HeldOpenPreAlarm, Timeout.InfiniteTimeSpan);
            _heldOpenTimer.Change(_configuration.HeldOpenAlarm, Timeout.InfiniteTimeSpan);
        }
        else if (!supervise && _heldOpenArmed)
        {
            _heldOpenArmed = false;
            _preAlarmTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _heldOpenTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        return changed;
    }

    /// <summary>Writes the strike; a failure is journaled and logged, never thrown. Under the lock.</summary>
    private bool TryDrive(bool unlock)
    {
        var pin = _configuration.Strike.Pin;
        try
        {
            _gpio.Write(pin, unlock ? _unlockedLevel : _lockedLevel);
        }
        catch (Exception ex)
        {
            // Journaled and logged once per fault, then retried quietly until the relay answers again.
            if ((_alarms & DoorAlarms.HardwareFault) == 0)
            {
                _alarms |= DoorAlarms.HardwareFault;
                Journal(JournalRecordKind.HardwareFault, DoorJournalDetails.FaultStrikeWrite);
                DoorsLog.StrikeWriteFailed(_logger, ex, _configuration.Id, pin, unlock ? "unlocked level" : "locked level");
            }

            if (_lifecycle == Lifecycle.Started)
            {
                _retryTimer.Change(StrikeRetryDelay, Timeout.InfiniteTimeSpan);
            }

            return false;
        }

        if ((_alarms & DoorAlarms.HardwareFault) != 0)
        {
            _alarms &= ~DoorAlarms.HardwareFault;
            _retryTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Journal(JournalRecordKind.HardwareFault, DoorJournalDetails.FaultStrikeWriteRecovered);
            DoorsLog.StrikeWriteRecovered(_logger, _configuration.Id, pin);
        }

        _strikeUnlocked = unlock;
        return true;
    }

    /// <summary>Clears the alarms of an open door as it closes, journaling each. Under the lock.</summary>
    private void ClearOpenAlarms()
    {
        if ((_alarms & DoorAlarms.ForcedOpen) != 0)
        {
            Journal(JournalRecordKind.DoorAlarmCleared, DoorJournalDetails.ForcedOpen);
            DoorsLog.DoorAlarmCleared(_logger, _configuration.Id, DoorJournalDetails.ForcedOpen);
        }

        if ((_alarms & DoorAlarms.HeldOpen) != 0)
        {
            Journal(JournalRecordKind.DoorAlarmCleared, DoorJournalDetails.HeldOpen);
            DoorsLog.DoorAlarmCleared(_logger, _configuration.Id, DoorJournalDetails.HeldOpen);
        }
        else if ((_alarms & DoorAlarms.HeldOpenPreAlarm) != 0)
        {
            Journal(JournalRecordKind.DoorAlarmCleared, DoorJournalDetails.HeldOpenPreAlarm);
            DoorsLog.DoorAlarmCleared(_logger, _configuration.Id, DoorJournalDetails.HeldOpenPreAlarm);
        }

        _alarms &= DoorAlarms.HardwareFault;
    }

    private void DisarmTimers()
    {
        _passTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _preAlarmTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _heldOpenTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _scheduleTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _retryTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void ReportFault(Exception exception, int pin, string detail)
    {
        _journal.Append(new JournalEntry(JournalRecordKind.HardwareFault) { DoorId = _configuration.Id, Detail = detail });
        DoorsLog.InputFault(_logger, exception, pin, _configuration.Id);
    }

    private void Journal(JournalRecordKind kind, string detail) =>
        _journal.Append(new JournalEntry(kind) { DoorId = _configuration.Id, Detail = detail });

    private DoorSnapshot TakeSnapshot() =>
        new(_configuration.Id, _reason, _position, _alarms, _lockdown, _emergency, _scheduleActive, _time.GetUtcNow());

    private void Publish(DoorSnapshot snapshot)
    {
        try
        {
            StateChanged?.Invoke(snapshot);
        }
        catch (Exception ex)
        {
            // A faulty console or kiosk must not break the door's GPIO or timer thread.
            DoorsLog.SubscriberFailed(_logger, ex, _configuration.Id);
        }
    }

    /// <summary>Lets the four timers share one static callback without a closure per timer fire.</summary>
    private sealed class TimerTarget(DoorController door, Action<DoorController> callback)
    {
        public void Fire() => callback(door);
    }
}
