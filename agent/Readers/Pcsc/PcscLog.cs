using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>PC/SC reader log events; ids 1500-1599 are stable (operators filter on them).</summary>
internal static partial class PcscLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "PC/SC monitor started for {Count} configured reader(s)")]
    public static partial void MonitorStarted(ILogger logger, int count);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "PC/SC monitor stopped")]
    public static partial void MonitorStopped(ILogger logger);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "pcscd unavailable ({Result}); retrying in {DelayMilliseconds} ms")]
    public static partial void ServiceUnavailable(ILogger logger, PcscResult result, long delayMilliseconds);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "pcscd context established")]
    public static partial void ServiceAvailable(ILogger logger);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "pcscd context lost ({Result}); re-establishing")]
    public static partial void ContextLost(ILogger logger, PcscResult result);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Information, Message = "PC/SC reader '{ReaderName}' serves reader {ReaderId}")]
    public static partial void ReaderAttached(ILogger logger, string readerName, string readerId);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Warning, Message = "PC/SC reader '{ReaderName}' of reader {ReaderId} disappeared")]
    public static partial void ReaderDetached(ILogger logger, string readerName, string readerId);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Information, Message = "PC/SC reader '{ReaderName}' matches no configured reader device prefix; ignored")]
    public static partial void UnconfiguredReader(ILogger logger, string readerName);

    [LoggerMessage(EventId = 1508, Level = LogLevel.Error, Message = "Reader {ReaderId} is a PC/SC reader without a device (reader name prefix); ignored")]
    public static partial void MissingDevice(ILogger logger, string readerId);

    [LoggerMessage(EventId = 1509, Level = LogLevel.Warning, Message = "PC/SC reader '{ReaderName}' matches several configured readers; {ReaderId} (longest prefix) serves it")]
    public static partial void AmbiguousReader(ILogger logger, string readerName, string readerId);

    [LoggerMessage(EventId = 1510, Level = LogLevel.Debug, Message = "Reader {ReaderId} read a {UidLength}-byte UID")]
    public static partial void CardRead(ILogger logger, string readerId, int uidLength);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Warning, Message = "Reader {ReaderId}: {Fault}")]
    public static partial void ReadFault(ILogger logger, string readerId, string fault);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Information, Message = "Reader {ReaderId}: card removed before its UID was read ({Result})")]
    public static partial void CardRemovedDuringRead(ILogger logger, string readerId, PcscResult result);

    [LoggerMessage(EventId = 1513, Level = LogLevel.Warning, Message = "Reader {ReaderId}: card did not answer within {TimeoutMilliseconds} ms; read abandoned")]
    public static partial void CardDidNotAnswer(ILogger logger, string readerId, long timeoutMilliseconds);

    [LoggerMessage(EventId = 1514, Level = LogLevel.Warning, Message = "SCardGetStatusChange failed ({Result})")]
    public static partial void StatusChangeFailed(ILogger logger, PcscResult result);

    [LoggerMessage(EventId = 1515, Level = LogLevel.Warning, Message = "SCardListReaders failed ({Result})")]
    public static partial void ListReadersFailed(ILogger logger, PcscResult result);

    [LoggerMessage(EventId = 1516, Level = LogLevel.Warning, Message = "{Problem}: {Count} more occurrence(s) not logged")]
    public static partial void ProblemRepeated(ILogger logger, string problem, int count);

    [LoggerMessage(EventId = 1517, Level = LogLevel.Error, Message = "Badge read sink failed for reader {ReaderId}")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string readerId);

    [LoggerMessage(EventId = 1518, Level = LogLevel.Error, Message = "PC/SC monitor loop failed unexpectedly; restarting it")]
    public static partial void LoopFailed(ILogger logger, Exception exception);
}
