using System.Device.Gpio;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Simulation;

/// <summary>
/// Plays the site's wired inputs on the simulated GPIO driver as a person at the door would: door
/// contacts, exit buttons (pressed then released), the fire-alarm panel's relay.
/// </summary>
public sealed class SimulatedHardware(SiteConfiguration site, SimulatedGpioDriver driver, TimeProvider time)
{
    /// <summary>How long a simulated exit button stays pressed.</summary>
    public static readonly TimeSpan ButtonPress = TimeSpan.FromMilliseconds(300);

    public SimulatedGpioDriver Driver => driver;

    /// <summary>Sets every input to its idle level before the doors start, as real wiring would be.</summary>
    public void SetIdleLevels()
    {
        foreach (var door in site.Doors)
        {
            SetInactive(door.PositionSensor);
            SetInactive(door.ExitRequest);
        }

        SetInactive(site.FireAlarm);
    }

    public bool SetDoorOpen(DoorConfiguration door, bool open)
    {
        if (door.PositionSensor is not { } sensor)
        {
            return false;
        }

        driver.SetInput(sensor.Pin, Level(sensor, open));
        return true;
    }

    public async Task<bool> PressExitAsync(DoorConfiguration door, CancellationToken cancellationToken)
    {
        if (door.ExitRequest is not { } button)
        {
            return false;
        }

        driver.SetInput(button.Pin, Level(button, active: true));
        await Task.Delay(ButtonPress, time, cancellationToken).ConfigureAwait(false);
        driver.SetInput(button.Pin, Level(button, active: false));
        return true;
    }

    public bool SetFireAlarm(bool active)
    {
        if (site.FireAlarm is not { } fire)
        {
            return false;
        }

        driver.SetInput(fire.Pin, Level(fire, active));
        return true;
    }

    private void SetInactive(InputConfiguration? input)
    {
        if (input is not null)
        {
            driver.SetInput(input.Pin, Level(input, active: false));
        }
    }

    private static PinValue Level(InputConfiguration input, bool active) =>
        (input.ActiveLevel == SignalLevel.High) == active ? PinValue.High : PinValue.Low;
}
