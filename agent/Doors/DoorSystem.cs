using System.Device.Gpio;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Doors;

/// <summary>
/// All doors of a site and its fire-alarm input, on one <see cref="GpioController"/>. Owns the site-wide
/// states: lockdown and emergency (fire) release.
/// </summary>
public sealed class DoorSystem : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SiteConfiguration _site;
    private readonly GpioController _gpio;
    private readonly IJournal _journal;
    private readonly ILogger _logger;
    private readonly DoorController[] _doors;
    private readonly Dictionary<string, DoorController> _byId;
    private readonly DebouncedInput? _fireAlarm;
    private readonly SiteDoorState _state = new();
    private readonly int _failSafeCount;
    private bool _started;
    private bool _stopped;
    private bool _lockdown;
    private bool _emergency;

    public DoorSystem(SiteConfiguration site, GpioController gpio, IJournal journal, TimeProvider timeProvider, ILogger<DoorSystem> logger)
    {
        ArgumentNullException.ThrowIfNull(site);
        _site = site;
        _gpio = gpio;
        _journal = journal;
        _logger = logger;
        _doors = [.. site.Doors.Select(d => new DoorController(d, gpio, journal, timeProvider, site.TimeZone, _state, logger))];
        _failSafeCount = _doors.Count(d => d.Configuration.FailMode == FailMode.FailSafe);
        _byId = new Dictionary<string, DoorController>(StringComparer.Ordinal);
        foreach (var door in _doors)
        {
            if (!_byId.TryAdd(door.DoorId, door))
            {
                throw new ArgumentException($"Door id '{door.DoorId}' appears twice in site '{site.Id}'.", nameof(site));
            }

            door.StateChanged += OnDoorStateChanged;
        }

        if (site.FireAlarm is { } fire)
        {
            _fireAlarm = new DebouncedInput(gpio, fire, timeProvider, OnFireAlarmChanged, ex => OnFireAlarmFault(ex, fire.Pin));
        }
    }

    /// <summary>Any door's state changed (strike, position, alarms), raised outside every lock.</summary>
    public event Action<DoorSnapshot>? DoorStateChanged;

    /// <summary>The site's lockdown was switched on (true) or off (false).</summary>
    public event Action<bool>? LockdownChanged;

    /// <summary>The fire alarm became active (true) or cleared (false).</summary>
    public event Action<bool>? EmergencyChanged;

    public IReadOnlyList<DoorController> Doors => _doors;

    public bool IsLockdown
    {
        get
        {
            lock (_gate)
            {
                return _lockdown;
            }
        }
    }

    public bool IsEmergency
    {
        get
        {
            lock (_gate)
            {
                return _emergency;
            }
        }
    }

    public DoorController? Find(string doorId) => _byId.GetValueOrDefault(doorId);

    /// <summary>
    /// Takes the doors into service. Every strike output is opened at its locked level first, so no door clicks
    /// open at boot; only then the inputs (position, exit, fire) and their callbacks; then schedules and fire state.
    /// </summary>
    /// <exception cref="DoorHardwareException">A line could not be opened; the message names the pin and its door.</exception>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (_started)
            {
                return;
            }

            _started = true;
        }

        try
        {
            foreach (var door in _doors)
            {
                door.OpenStrike();
            }

            foreach (var door in _doors)
            {
                door.OpenInputs();
            }

            if (_fireAlarm is not null)
            {
                try
                {
                    _fireAlarm.Open();
                }
                catch (Exception ex)
                {
                    throw DoorHardwareException.OpeningFailed(_fireAlarm.Pin, "fire alarm input", null, ex);
                }
            }
        }
        catch (DoorHardwareException ex)
        {
            DoorsLog.DoorSystemStartFailed(_logger, ex, ex.Message);
            Stop();
            throw;
        }

        bool emergency;
        lock (_gate)
        {
            _emergency = _fireAlarm?.IsActive == true;
            _state.Emergency = _emergency;
            emergency = _emergency;
        }

        if (emergency)
        {
            _journal.Append(new JournalEntry(JournalRecordKind.EmergencyReleaseChanged) { Detail = DoorJournalDetails.EmergencyActive });
            DoorsLog.EmergencyReleaseActive(_logger, _failSafeCount);
        }

        foreach (var door in _doors)
        {
            door.Activate();
        }

        DoorsLog.DoorSystemStarted(_logger, _doors.Length, _site.FireAlarm?.Pin);
    }

    /// <summary>
    /// Drives every strike locked (fail-safe doors stay released while the fire alarm is active) and releases
    /// every line. Never throws.
    /// </summary>
    public void Stop()
    {
        bool emergency;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            emergency = _emergency;
        }

        // The fire input goes first so a late alarm edge cannot release doors being locked.
        _fireAlarm?.Dispose();
        foreach (var door in _doors)
        {
            door.Shutdown(keepReleased: emergency);
            door.StateChanged -= OnDoorStateChanged;
        }

        DoorsLog.DoorSystemStopped(_logger);
    }

    public void Dispose() => Stop();

    /// <summary>Switches the site lockdown: grants and scheduled unlocks are refused; exit buttons still release.</summary>
    /// <param name="origin">Who asked (e.g. "hub", "console:operator"), for the journal and the log.</param>
    public void SetLockdown(bool on, string origin)
    {
        lock (_gate)
        {
            if (_lockdown == on)
            {
                return;
            }

            _lockdown = on;
            _state.Lockdown = on;

            // Journaled under the system lock so concurrent switches keep their order in the journal.
            _journal.Append(new JournalEntry(JournalRecordKind.LockdownChanged)
            {
                Detail = string.Concat(on ? DoorJournalDetails.LockdownOn : DoorJournalDetails.LockdownOff, ":", origin),
            });
        }

        DoorsLog.LockdownChanged(_logger, on ? DoorJournalDetails.LockdownOn : DoorJournalDetails.LockdownOff, origin);
        foreach (var door in _doors)
        {
            door.RefreshSiteState();
        }

        Raise(LockdownChanged, on);
    }

    private void OnFireAlarmChanged(bool active)
    {
        lock (_gate)
        {
            if (!_started || _stopped || _emergency == active)
            {
                return;
            }

            _emergency = active;
            _state.Emergency = active;
            _journal.Append(new JournalEntry(JournalRecordKind.EmergencyReleaseChanged)
            {
                Detail = active ? DoorJournalDetails.EmergencyActive : DoorJournalDetails.EmergencyCleared,
            });
        }

        if (active)
        {
            DoorsLog.EmergencyReleaseActive(_logger, _failSafeCount);
        }
        else
        {
            DoorsLog.EmergencyReleaseCleared(_logger);
        }

        foreach (var door in _doors)
        {
            door.RefreshSiteState();
        }

        Raise(EmergencyChanged, active);
    }

    private void OnFireAlarmFault(Exception exception, int pin)
    {
        _journal.Append(new JournalEntry(JournalRecordKind.HardwareFault) { Detail = DoorJournalDetails.FaultInputRead });
        DoorsLog.InputFault(_logger, exception, pin, "fire alarm");
    }

    private void OnDoorStateChanged(DoorSnapshot snapshot) => DoorStateChanged?.Invoke(snapshot);

    private void Raise(Action<bool>? handler, bool value)
    {
        try
        {
            handler?.Invoke(value);
        }
        catch (Exception ex)
        {
            DoorsLog.SubscriberFailed(_logger, ex, _site.Id);
        }
    }
}
