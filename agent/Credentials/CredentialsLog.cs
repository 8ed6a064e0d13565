using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Credentials;

/// <summary>Credentials and commands from the hub, agent side: event ids 2300-2349.</summary>
internal static partial class CredentialsLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Credential {Kind} version {Version} applied ({Members} members changed, {Removed} removed) in {ElapsedMs} ms")]
    public static partial void Applied(ILogger logger, string kind, long version, int members, int removed, long elapsedMs);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Debug, Message = "Credential {Kind} version {Version} ignored: this site already runs version {Current}")]
    public static partial void Stale(ILogger logger, string kind, long version, long current);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Credential delta {Base} -> {Version} refused: this site runs version {Current}; asking the hub for a snapshot")]
    public static partial void BaseMismatch(ILogger logger, long @base, long version, long current);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Error, Message = "Credential message refused: {Problem}")]
    public static partial void Refused(ILogger logger, string problem);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Error, Message = "Credential version {Version} could not be stored; the previous data stays in use")]
    public static partial void StoreFailed(ILogger logger, long version, Exception exception);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Warning, Message = "Credential version report not sent (it is sent again after the next change)")]
    public static partial void ReportFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2320, Level = LogLevel.Information, Message = "Hub command {Id} {Name} executed")]
    public static partial void CommandExecuted(ILogger logger, string id, string name);

    [LoggerMessage(EventId = 2321, Level = LogLevel.Warning, Message = "Hub command {Id} {Name} refused: {Reason}")]
    public static partial void CommandRefused(ILogger logger, string id, string name, string reason);

    [LoggerMessage(EventId = 2322, Level = LogLevel.Error, Message = "Hub command message refused: {Problem}")]
    public static partial void CommandMalformed(ILogger logger, string problem);
}
