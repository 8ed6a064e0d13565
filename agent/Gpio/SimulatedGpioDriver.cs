using System.Device.Gpio;

namespace Cybercantal.Edge.Agent.Gpio;

/// <summary>
/// A GPIO driver with no hardware behind it: development machines and tests run the real
/// <see cref="GpioController"/> on it. Every output write is recorded with its time; inputs are driven by
/// <see cref="SetInput"/>, which raises edge callbacks synchronously on the caller's thread so tests stay
/// deterministic with a fake clock.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _pinCount;
    private readonly Dictionary<int, PinState> _pins = [];
    private readonly Dictionary<int, Exception> _openFaults = [];
    private readonly Dictionary<int, Exception> _writeFaults = [];
    private readonly List<GpioWrite> _writes = [];

    public SimulatedGpioDriver(TimeProvider? timeProvider = null, int pinCount = 64)
    {
        _time = timeProvider ?? TimeProvider.System;
        _pinCount = pinCount;
    }

    /// <summary>Raised after every output write (including initial values), outside the driver's lock.</summary>
    public event Action<GpioWrite>? Written;

    protected override int PinCount => _pinCount;

    /// <summary>All writes so far, oldest first.</summary>
    public IReadOnlyList<GpioWrite> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>The writes made to one pin, oldest first.</summary>
    public IReadOnlyList<GpioWrite> WritesTo(int pin)
    {
        lock (_gate)
        {
            return [.. _writes.Where(w => w.Pin == pin)];
        }
    }

    /// <summary>Makes the next opening of <paramref name="pin"/> fail, as a busy or forbidden line does on a gateway.</summary>
    public void FailOpening(int pin, Exception exception)
    {
        lock (_gate)
        {
            _openFaults[pin] = exception;
        }
    }

    /// <summary>
    /// Makes every write to <paramref name="pin"/> fail with <paramref name="exception"/> (a dead relay board, a
    /// line taken away) until <see cref="RestoreWriting"/>; initial values set when opening are not affected.
    /// </summary>
    public void FailWriting(int pin, Exception exception)
    {
        lock (_gate)
        {
            _writeFaults[pin] = exception;
        }
    }

    /// <summary>Lets writes to <paramref name="pin"/> succeed again after <see cref="FailWriting"/>.</summary>
    public void RestoreWriting(int pin)
    {
        lock (_gate)
        {
            _writeFaults.Remove(pin);
        }
    }

    /// <summary>
    /// Drives an input to <paramref name="value"/> then back to its previous level: a contact bounce or a short
    /// press. The caller advances its fake clock in between when the pulse must last.
    /// </summary>
    public void Pulse(int pin, PinValue value)
    {
        var previous = LevelOf(pin);
        SetInput(pin, value);
        SetInput(pin, previous);
    }

    public bool IsOpen(int pin)
    {
        lock (_gate)
        {
            return _pins.ContainsKey(pin);
        }
    }

    /// <summary>The level of a pin as the outside world sees it (last driven output, or input level).</summary>
    public PinValue LevelOf(int pin)
    {
        lock (_gate)
        {
            return _pins.TryGetValue(pin, out var state) ? state.Value : PinValue.Low;
        }
    }

    /// <summary>Drives an input line from the outside (a door contact, a button, a Wiegand data line).</summary>
    public void SetInput(int pin, PinValue value)
    {
        PinChangeEventHandler[] handlers;
        PinEventTypes edge;
        lock (_gate)
        {
            if (!_pins.TryGetValue(pin, out var state))
            {
                // An unopened line still has a level; remember it for when the pin is opened.
                _pins[pin] = new PinState { Mode = PinMode.Input, Value = value, Opened = false, ExternallyDriven = true };
                return;
            }

            state.ExternallyDriven = true;

            if (state.Value == value)
            {
                return;
            }

            state.Value = value;
            edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers = [.. state.Callbacks.Where(c => (c.Events & edge) != 0).Select(c => c.Handler)];
        }

        var args = new PinValueChangedEventArgs(edge, pin);
        foreach (var handler in handlers)
        {
            handler(this, args);
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            if (_openFaults.Remove(pinNumber, out var fault))
            {
                throw fault;
            }

            if (pinNumber < 0 || pinNumber >= _pinCount)
            {
                throw new ArgumentOutOfRangeException(nameof(pinNumber), pinNumber, $"GPIO line {pinNumber} does not exist on this chip ({_pinCount} lines).");
            }

            if (_pins.TryGetValue(pinNumber, out var existing))
            {
                if (existing.Opened)
                {
                    throw new InvalidOperationException($"GPIO line {pinNumber} is busy (already requested).");
                }

                existing.Opened = true;
                return;
            }

            _pins[pinNumber] = new PinState { Mode = PinMode.Input, Value = PinValue.Low, Opened = true };
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            _pins.Remove(pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            var state = Opened(pinNumber);
            state.Mode = mode;
            if (mode == PinMode.InputPullUp && !state.ExternallyDriven)
            {
                state.Value = PinValue.High;
            }
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        GpioWrite write;
        lock (_gate)
        {
            var state = Opened(pinNumber);
            state.Mode = mode;
            if (mode != PinMode.Output)
            {
                return;
            }

            state.Value = initialValue;
            write = new GpioWrite(pinNumber, initialValue, _time.GetUtcNow(), IsInitialValue: true);
            _writes.Add(write);
        }

        Written?.Invoke(write);
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return Opened(pinNumber).Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            return Opened(pinNumber).Value;
        }
    }

    protected override void Toggle(int pinNumber)
    {
        PinValue next;
        lock (_gate)
        {
            next = Opened(pinNumber).Value == PinValue.High ? PinValue.Low : PinValue.High;
        }

        Write(pinNumber, next);
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        GpioWrite write;
        lock (_gate)
        {
            var state = Opened(pinNumber);
            if (state.Mode != PinMode.Output)
            {
                throw new InvalidOperationException($"GPIO line {pinNumber} is not an output.");
            }

            if (_writeFaults.TryGetValue(pinNumber, out var fault))
            {
                throw fault;
            }

            state.Value = value;
            write = new GpioWrite(pinNumber, value, _time.GetUtcNow(), IsInitialValue: false);
            _writes.Add(write);
        }

        Written?.Invoke(write);
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        using var signal = new ManualResetEventSlim();
        PinEventTypes seen = PinEventTypes.None;
        void Handler(object sender, PinValueChangedEventArgs e)
        {
            seen = e.ChangeType;
            signal.Set();
        }

        AddCallbackForPinValueChangedEvent(pinNumber, eventTypes, Handler);
        try
        {
            signal.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = seen, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            RemoveCallbackForPinValueChangedEvent(pinNumber, Handler);
        }
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            Opened(pinNumber).Callbacks.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            if (_pins.TryGetValue(pinNumber, out var state))
            {
                state.Callbacks.RemoveAll(c => c.Handler == callback);
            }
        }
    }

    private PinState Opened(int pinNumber) =>
        _pins.TryGetValue(pinNumber, out var state) && state.Opened
            ? state
            : throw new InvalidOperationException($"GPIO line {pinNumber} is not open.");

    private sealed class PinState
    {
        public PinMode Mode { get; set; }

        public PinValue Value { get; set; }

        public bool Opened { get; set; }

        /// <summary>Set once the outside world has driven the line; a pull-up then no longer decides its level.</summary>
        public bool ExternallyDriven { get; set; }

        public List<(PinEventTypes Events, PinChangeEventHandler Handler)> Callbacks { get; } = [];
    }
}
