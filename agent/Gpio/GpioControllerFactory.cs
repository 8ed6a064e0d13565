using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Gpio;

/// <summary>Builds the site's <see cref="GpioController"/> on the driver the configuration names.</summary>
public static class GpioControllerFactory
{
    /// <param name="siteChip">The site file's GPIO chip, used when <see cref="GpioOptions.Chip"/> is unset.</param>
    /// <param name="simulated">Gives the simulated driver (shared with the simulation console) when the options ask for it.</param>
    /// <exception cref="InvalidOperationException">The driver is unknown or the chip cannot be opened; the message says which.</exception>
    public static GpioController Create(GpioOptions options, int siteChip, Func<SimulatedGpioDriver> simulated, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(simulated);
        var chip = options.Chip ?? siteChip;
        GpioDriver driver;
        try
        {
            driver = options.Driver switch
            {
                GpioOptions.Simulated => simulated(),
                GpioOptions.LibGpiodV1 => new LibGpiodDriver(chip),
                GpioOptions.LibGpiodV2 => new LibGpiodV2Driver(chip),
                GpioOptions.LibGpiod => CreateLibGpiod(chip, logger),
                _ => throw new InvalidOperationException(
                    $"Unknown GPIO driver '{options.Driver}' (Gpio:Driver); expected {GpioOptions.Simulated}, {GpioOptions.LibGpiod}, {GpioOptions.LibGpiodV1} or {GpioOptions.LibGpiodV2}."),
            };
        }
        catch (Exception ex) when (ex is not InvalidOperationException)
        {
            throw new InvalidOperationException($"GPIO chip {chip} could not be opened with driver '{options.Driver}': {ex.Message}", ex);
        }

        if (driver is SimulatedGpioDriver)
        {
            GpioLog.SimulatedDriver(logger);
        }

        GpioLog.DriverSelected(logger, driver.GetType().Name, chip);
        return new GpioController(driver);
    }

    private static GpioDriver CreateLibGpiod(int chip, ILogger logger)
    {
        try
        {
            return new LibGpiodV2Driver(chip);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or PlatformNotSupportedException)
        {
            GpioLog.FallingBackToV1(logger, ex, chip);
            return new LibGpiodDriver(chip);
        }
    }
}
