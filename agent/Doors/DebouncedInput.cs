using System.Device.Gpio;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Doors;

/// <summary>
/// A contact input (door sensor, exit button, fire relay) whose level counts only once it has been stable for
/// the configured debounce time. Every edge restarts a <see cref="TimeProvider"/> timer; when it fires the pin
/// is read and, if its active state differs from the last stable one, the change is reported.
/// </summary>
internal sealed class DebouncedInput : IDisposable
{
    private readonly Lock _gate = new();
    private readonly GpioController _gpio;
    private readonly InputConfiguration _configuration;
    private readonly TimeProvider _time;
    private readonly Action<bool> _onStableChange;
    private readonly Action<Exception> _onReadFault;
    private readonly PinValue _activeLevel;
    private readonly ITimer _timer;
    private readonly PinChangeEventHandler _edgeHandler;
    private long _lastEdgeTimestamp;
    private volatile bool _stableActive;
    private bool _opened;
    private bool _callbackRegistered;
    private bool _closed;

    public DebouncedInput(
        GpioController gpio,
        InputConfiguration configuration,
        TimeProvider time,
        Action<bool> onStableChange,
        Action<Exception> onReadFault)
    {
        _gpio = gpio;
        _configuration = configuration;
        _time = time;
        _onStableChange = onStableChange;
        _onReadFault = onReadFault;
        _activeLevel = configuration.ActiveLevel == SignalLevel.High ? PinValue.High : PinValue.Low;
        _timer = time.CreateTimer(static state => ((DebouncedInput)state!).OnSettled(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _edgeHandler = OnEdge;
    }

    public int Pin => _configuration.Pin;

    /// <summary>The debounced state: true when the input is active (door open, button pressed, fire alarm).</summary>
    /// <remarks>Read without the input's lock so a door may consult it under its own lock (no lock-order inversion).</remarks>
    public bool IsActive => _stableActive;

    /// <summary>Opens the line as an input, takes its current level as the stable one and starts listening to edges.</summary>
    public void Open()
    {
        _gpio.OpenPin(_configuration.Pin, _configuration.PullUp ? PinMode.InputPullUp : PinMode.Input);
        lock (_gate)
        {
            _opened = true;
            _stableActive = _gpio.Read(_configuration.Pin) == _activeLevel;
        }

        _gpio.RegisterCallbackForPinValueChangedEvent(_configuration.Pin, PinEventTypes.Rising | PinEventTypes.Falling, _edgeHandler);
        lock (_gate)
        {
            _callbackRegistered = true;
        }
    }

    /// <summary>Stops listening and releases the line; never throws (the agent is stopping).</summary>
    public void Close()
    {
        bool registered;
        bool opened;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            registered = _callbackRegistered;
            opened = _opened;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        try
        {
            if (registered)
            {
                _gpio.UnregisterCallbackForPinValueChangedEvent(_configuration.Pin, _edgeHandler);
            }

            if (opened && _gpio.IsPinOpen(_configuration.Pin))
            {
                _gpio.ClosePin(_configuration.Pin);
            }
        }
        catch (Exception ex)
        {
            _onReadFault(ex);
        }
    }

    public void Dispose()
    {
        Close();
        _timer.Dispose();
    }

    private void OnEdge(object sender, PinValueChangedEventArgs args)
    {
        var debounce = _configuration.Debounce;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _lastEdgeTimestamp = _time.GetTimestamp();
            if (debounce > TimeSpan.Zero)
            {
                // Each edge restarts the wait: only a level that holds for the whole debounce time counts.
                _timer.Change(debounce, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        OnSettled();
    }

    private void OnSettled()
    {
        var active = false;
        var changed = false;
        Exception? fault = null;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            // A timer callback already in flight when a later edge re-armed the timer must not commit early.
            if (_configuration.Debounce > TimeSpan.Zero && _time.GetElapsedTime(_lastEdgeTimestamp) < _configuration.Debounce)
            {
                return;
            }

            try
            {
                active = _gpio.Read(_configuration.Pin) == _activeLevel;
                changed = active != _stableActive;
                _stableActive = active;
            }
            catch (Exception ex)
            {
                fault = ex;
            }
        }

        // Reported outside the input's lock: the handlers take the door's lock and journal.
        if (fault is not null)
        {
            _onReadFault(fault);
        }
        else if (changed)
        {
            _onStableChange(active);
        }
    }
}
