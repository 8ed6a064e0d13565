using System.Device.Gpio;

namespace Cybercantal.Edge.Agent.Gpio;

/// <summary>One level driven on an output pin of the simulated driver, with the time it happened.</summary>
/// <param name="IsInitialValue">True when the level was set as the pin became an output (no glitch possible).</param>
public readonly record struct GpioWrite(int Pin, PinValue Value, DateTimeOffset At, bool IsInitialValue);
