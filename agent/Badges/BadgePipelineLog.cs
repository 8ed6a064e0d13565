using Cybercantal.Edge.Agent.Access;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Badges;

internal static partial class BadgePipelineLog
{
    [LoggerMessage(EventId = 1820, Level = LogLevel.Information, Message = "Access granted at {ReaderId} ({DoorId}) to {MemberId} [{Basis}]")]
    public static partial void Granted(ILogger logger, string readerId, string doorId, string memberId, GrantBasis basis);

    [LoggerMessage(EventId = 1821, Level = LogLevel.Warning, Message = "Access denied at {ReaderId} ({DoorId}) for {Credential}: {Reason}")]
    public static partial void Denied(ILogger logger, string readerId, string doorId, Credential credential, DenyReason reason);

    [LoggerMessage(EventId = 1822, Level = LogLevel.Warning, Message = "Reader fault at {ReaderId}: {Fault}")]
    public static partial void ReaderFault(ILogger logger, string readerId, string fault);

    [LoggerMessage(EventId = 1823, Level = LogLevel.Warning, Message = "Badge read from reader {ReaderId}, which the site file does not declare; ignored")]
    public static partial void UnknownReader(ILogger logger, string readerId);

    [LoggerMessage(EventId = 1824, Level = LogLevel.Error, Message = "A live view of badge decisions failed; the decision itself stands")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception);
}
