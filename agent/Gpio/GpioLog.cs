using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Gpio;

/// <summary>GPIO driver logs; event ids 1200-1299 are stable.</summary>
internal static partial class GpioLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "GPIO driver {Driver} on chip {Chip}")]
    public static partial void DriverSelected(ILogger logger, string driver, int chip);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "libgpiod V2 ABI not available on chip {Chip}, using the V1 ABI")]
    public static partial void FallingBackToV1(ILogger logger, Exception exception, int chip);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "GPIO is SIMULATED: no door strike or sensor is connected")]
    public static partial void SimulatedDriver(ILogger logger);
}
