using System.Device.Gpio;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>A GPIO driver that does nothing and remembers nothing, so benchmarks measure the caller alone.</summary>
internal sealed class NullGpioDriver : GpioDriver
{
    protected override int PinCount => 64;

    protected override void OpenPin(int pinNumber)
    {
    }

    protected override void ClosePin(int pinNumber)
    {
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
    }

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
    }

    protected override PinMode GetPinMode(int pinNumber) => PinMode.Output;

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => PinValue.Low;

    protected override void Toggle(int pinNumber)
    {
    }

    protected override void Write(int pinNumber, PinValue value)
    {
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        new() { EventTypes = PinEventTypes.None, TimedOut = true };

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
    }
}
