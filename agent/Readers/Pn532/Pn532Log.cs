using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>PN532 reader log lines; event ids 1600-1649 are stable.</summary>
internal static partial class Pn532Log
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "PN532 reader {ReaderId} ready on {Device}: IC 0x{IcCode:X2}, firmware {Version}")]
    public static partial void Ready(ILogger logger, string readerId, string device, byte icCode, Version version);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "PN532 reader {ReaderId} unavailable on {Device}: {Reason}. Retrying with back-off; no further line until it is back")]
    public static partial void Unavailable(ILogger logger, string readerId, string device, string reason);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Debug, Message = "PN532 reader {ReaderId} still unavailable on {Device} (attempt {Attempt}, next in {Delay}): {Reason}")]
    public static partial void StillUnavailable(ILogger logger, string readerId, string device, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "PN532 reader {ReaderId} back on {Device} after {Attempts} failed attempts ({Outage} outage)")]
    public static partial void Recovered(ILogger logger, string readerId, string device, int attempts, TimeSpan outage);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Warning, Message = "PN532 reader {ReaderId} on {Device}: {Fault} ({Suppressed} similar faults not logged since the previous line)")]
    public static partial void ProtocolFault(ILogger logger, string readerId, string device, string fault, int suppressed);

    [LoggerMessage(EventId = 1605, Level = LogLevel.Debug, Message = "PN532 reader {ReaderId} read a {UidLength}-byte UID")]
    public static partial void CardRead(ILogger logger, string readerId, int uidLength);

    [LoggerMessage(EventId = 1606, Level = LogLevel.Information, Message = "PN532 reader {ReaderId} on {Device} stopped")]
    public static partial void Stopped(ILogger logger, string readerId, string device);

    [LoggerMessage(EventId = 1607, Level = LogLevel.Error, Message = "PN532 reader {ReaderId}: the badge sink threw; the reader keeps polling")]
    public static partial void SinkFailed(ILogger logger, string readerId, Exception exception);
}
