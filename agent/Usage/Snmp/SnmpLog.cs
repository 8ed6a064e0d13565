using System.Net;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>SNMP client and copier counter log lines; event ids 2400-2449 are stable. Communities are never logged.</summary>
internal static partial class SnmpLog
{
    [LoggerMessage(EventId = 2400, Level = LogLevel.Warning, Message = "Copier {CopierId} at {Address} gave no page counter: {Reason}. No further line until it answers again")]
    public static partial void CopierUnanswered(ILogger logger, string copierId, string address, string reason);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Copier {CopierId} at {Address} answers again after {Failures} failed reads")]
    public static partial void CopierAnsweredAgain(ILogger logger, string copierId, string address, int failures);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Debug, Message = "Copier {CopierId} page counter {PageCount}, printer status {PrinterStatus}")]
    public static partial void CopierRead(ILogger logger, string copierId, long pageCount, int? printerStatus);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Debug, Message = "Copier {CopierId} at {Address} still gives no page counter: {Reason}")]
    public static partial void CopierStillUnanswered(ILogger logger, string copierId, string address, string reason);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Information, Message = "SNMP copier reads use {Version}, timeout {Timeout}, {Retries} retries, community {CommunitySource}")]
    public static partial void Configured(ILogger logger, SnmpVersion version, TimeSpan timeout, int retries, string communitySource);

    [LoggerMessage(EventId = 2410, Level = LogLevel.Debug, Message = "SNMP response from {Source} for {Target} discarded: {Reason}")]
    public static partial void ResponseDiscarded(ILogger logger, EndPoint? source, IPEndPoint target, string reason);

    [LoggerMessage(EventId = 2411, Level = LogLevel.Debug, Message = "SNMP GET to {Target} attempt {Attempt}: no answer within {Timeout}")]
    public static partial void AttemptTimedOut(ILogger logger, IPEndPoint target, int attempt, TimeSpan timeout);

    [LoggerMessage(EventId = 2412, Level = LogLevel.Debug, Message = "SNMP GET to {Target} attempt {Attempt}: send failed ({SocketError})")]
    public static partial void SendFailed(ILogger logger, IPEndPoint target, int attempt, System.Net.Sockets.SocketError socketError);
}
