using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Readers.Wiegand;

/// <summary>Log messages of Wiegand readers. Event ids 1650-1699 are stable: never reuse one.</summary>
internal static partial class WiegandLog
{
    [LoggerMessage(EventId = 1650, Level = LogLevel.Information, Message = "Wiegand reader {ReaderId} listening on D0 GPIO {D0Pin} and D1 GPIO {D1Pin}")]
    public static partial void Listening(ILogger logger, string readerId, int d0Pin, int d1Pin);

    [LoggerMessage(EventId = 1651, Level = LogLevel.Information, Message = "Wiegand reader {ReaderId} stopped")]
    public static partial void Stopped(ILogger logger, string readerId);

    [LoggerMessage(EventId = 1652, Level = LogLevel.Error, Message = "Wiegand reader {ReaderId} is misconfigured: {Problem}")]
    public static partial void Misconfigured(ILogger logger, string readerId, string problem);

    [LoggerMessage(EventId = 1653, Level = LogLevel.Error, Message = "Wiegand reader {ReaderId} could not open its data lines (D0 GPIO {D0Pin}, D1 GPIO {D1Pin}); retrying in {RetryDelay}")]
    public static partial void OpenFailed(ILogger logger, Exception exception, string readerId, int d0Pin, int d1Pin, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1654, Level = LogLevel.Warning, Message = "Wiegand reader {ReaderId} fault: {Fault} (further faults within {QuietPeriod} of each other are counted, not logged)")]
    public static partial void FrameFault(ILogger logger, string readerId, string fault, TimeSpan quietPeriod);

    [LoggerMessage(EventId = 1655, Level = LogLevel.Warning, Message = "Wiegand reader {ReaderId}: {Suppressed} further faults in the last burst were not logged")]
    public static partial void FaultsSuppressed(ILogger logger, string readerId, long suppressed);

    [LoggerMessage(EventId = 1656, Level = LogLevel.Debug, Message = "Wiegand reader {ReaderId} ignored a {BitCount}-bit burst as line noise")]
    public static partial void RuntIgnored(ILogger logger, string readerId, int bitCount);

    [LoggerMessage(EventId = 1657, Level = LogLevel.Error, Message = "Wiegand reader {ReaderId}: the badge sink failed on a read; the reader keeps running")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string readerId);
}
