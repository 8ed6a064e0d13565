using System.Device.Gpio;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Readers.Wiegand;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Readers.Wiegand;

/// <summary>
/// Plays a Wiegand reader on the simulated driver with real timing: each bit is a low pulse of
/// <see cref="PulseWidth"/> on D0 (0) or D1 (1), one every <see cref="BitInterval"/>, the fake clock advancing as it goes.
/// </summary>
internal sealed class WiegandTransmitter(SimulatedGpioDriver driver, FakeTimeProvider time, int d0Pin, int d1Pin)
{
    public TimeSpan PulseWidth { get; init; } = TimeSpan.FromMicroseconds(50);

    public TimeSpan BitInterval { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Both lines idle high, as a powered reader holds them.</summary>
    public void Idle()
    {
        driver.SetInput(d0Pin, PinValue.High);
        driver.SetInput(d1Pin, PinValue.High);
    }

    public void Send(WiegandBits bits)
    {
        for (var i = 0; i < bits.Count; i++)
        {
            Pulse(bits.Bit(i), PulseWidth);
            time.Advance(BitInterval - PulseWidth);
        }
    }

    public void Send(string wire) => Send(WiegandCodecTests.Parse(wire));

    /// <summary>A low pulse on one line (0 = D0, 1 = D1) of the given width; the clock advances by the width.</summary>
    public void Pulse(int line, TimeSpan width)
    {
        var pin = line == 0 ? d0Pin : d1Pin;
        driver.SetInput(pin, PinValue.Low);
        time.Advance(width);
        driver.SetInput(pin, PinValue.High);
    }

    public void Wait(TimeSpan span) => time.Advance(span);
}
