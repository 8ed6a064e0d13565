using System.Device.Gpio;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Readers.Feedback;

/// <summary>
/// Drives the green LED, red LED and buzzer of one reader (each optional) through <see cref="FeedbackPatterns"/>,
/// stepping with a <see cref="TimeProvider"/> timer. A new pattern cancels the running one at once (outputs off,
/// then the new pattern from its start). Outputs open with their OFF level as initial value so a restart never
/// flashes or beeps, and are all turned off and released at dispose. A broken output is logged and skipped.
/// Thread-safe: the access pipeline may call <see cref="Show(FeedbackPattern)"/> from any thread.
/// </summary>
public sealed class ReaderFeedback : IDisposable
{
    private readonly Lock _gate = new();
    private readonly string _readerId;
    private readonly GpioController _gpio;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PinValue _on;
    private readonly PinValue _off;
    private readonly int?[] _pins = new int?[3];
    private readonly bool[] _lit = new bool[3];
    private readonly ITimer _timer;
    private FeedbackPattern? _running;
    private long _startedAt;
    private int _nextStep;
    private bool _disposed;

    public ReaderFeedback(string readerId, FeedbackConfiguration configuration, GpioController gpio, TimeProvider time, ILogger<ReaderFeedback> logger)
    {
        ArgumentNullException.ThrowIfNull(readerId);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _readerId = readerId;
        _gpio = gpio;
        _time = time;
        _logger = logger;
        _on = configuration.ActiveLevel == SignalLevel.High ? PinValue.High : PinValue.Low;
        _off = configuration.ActiveLevel == SignalLevel.High ? PinValue.Low : PinValue.High;
        Open(FeedbackOutput.GreenLed, configuration.GreenLedPin);
        Open(FeedbackOutput.RedLed, configuration.RedLedPin);
        Open(FeedbackOutput.Buzzer, configuration.BuzzerPin);
        _timer = time.CreateTimer(_ => Step(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The pattern still playing, or null when all outputs are at rest.</summary>
    public FeedbackPattern? Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Whether an output is configured and opened.</summary>
    public bool Has(FeedbackOutput output) => _pins[(int)output] is not null;

    /// <summary>Shows the answer to an access decision.</summary>
    public void Show(AccessDecision decision) => Show(FeedbackPatterns.For(decision));

    /// <summary>Starts <paramref name="pattern"/>, cancelling whatever was playing.</summary>
    public void Show(FeedbackPattern pattern)
    {
        _ = FeedbackPatterns.Steps(pattern);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            ReaderFeedbackLog.Showing(_logger, _readerId, pattern);
            AllOff();
            _running = pattern;
            _startedAt = _time.GetTimestamp();
            _nextStep = 0;
            RunDueSteps();
        }
    }

    /// <summary>Stops the running pattern and turns everything off.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _running = null;
            AllOff();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
            _running = null;
            AllOff();
            for (var i = 0; i < _pins.Length; i++)
            {
                if (_pins[i] is int pin)
                {
                    try
                    {
                        _gpio.ClosePin(pin);
                    }
#pragma warning disable CA1031 // Releasing is best effort at shutdown; the level is already OFF.
                    catch (Exception)
#pragma warning restore CA1031
                    {
                    }

                    _pins[i] = null;
                }
            }
        }
    }

    private void Open(FeedbackOutput output, int? pin)
    {
        if (pin is not int number)
        {
            return;
        }

        try
        {
            // GpioController hands back an already-open line instead of failing: never drive a line someone else owns.
            if (_gpio.IsPinOpen(number))
            {
                throw new InvalidOperationException($"GPIO {number} is already used by another part of the agent; check the site file for a pin used twice.");
            }

            _gpio.OpenPin(number, PinMode.Output, _off);
            _pins[(int)output] = number;
        }
#pragma warning disable CA1031 // A missing LED must not take the reader (or the door) down with it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ReaderFeedbackLog.OpenFailed(_logger, exception, _readerId, output, number);
        }
    }

    private void Step()
    {
        lock (_gate)
        {
            if (!_disposed && _running is not null)
            {
                RunDueSteps();
            }
        }
    }

    // Called under the lock: applies every step already due, then arms the timer for the next one.
    private void RunDueSteps()
    {
        var steps = FeedbackPatterns.Steps(_running!.Value);
        var elapsed = _time.GetElapsedTime(_startedAt);
        while (_nextStep < steps.Length && steps[_nextStep].At <= elapsed)
        {
            Set(steps[_nextStep].Output, steps[_nextStep].On);
            _nextStep++;
        }

        if (_nextStep < steps.Length)
        {
            _timer.Change(steps[_nextStep].At - elapsed, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _running = null;
            AllOff();
        }
    }

    private void AllOff()
    {
        Set(FeedbackOutput.GreenLed, on: false);
        Set(FeedbackOutput.RedLed, on: false);
        Set(FeedbackOutput.Buzzer, on: false);
    }

    private void Set(FeedbackOutput output, bool on)
    {
        var index = (int)output;
        if (_pins[index] is not int pin || _lit[index] == on)
        {
            return;
        }

        try
        {
            _gpio.Write(pin, on ? _on : _off);
            _lit[index] = on;
        }
#pragma warning disable CA1031 // A failing LED write must not stop the pattern on the other outputs.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ReaderFeedbackLog.WriteFailed(_logger, exception, _readerId, output, pin);
        }
    }
}
