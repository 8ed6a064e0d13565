using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Usage;

/// <summary>Usage tracking logs, event ids 2450-2499.</summary>
internal static partial class UsageLog
{
    [LoggerMessage(EventId = 2450, Level = LogLevel.Information, Message = "PC session started on {PcId} for {MemberId}")]
    public static partial void PcSessionStarted(ILogger logger, string pcId, string memberId);

    [LoggerMessage(EventId = 2451, Level = LogLevel.Information, Message = "PC session ended on {PcId} for {MemberId}: {Reason}")]
    public static partial void PcSessionEnded(ILogger logger, string pcId, string memberId, string reason);

    [LoggerMessage(EventId = 2452, Level = LogLevel.Warning, Message = "PC session report refused: {Problem}")]
    public static partial void PcReportRefused(ILogger logger, string problem);

    [LoggerMessage(EventId = 2453, Level = LogLevel.Debug, Message = "PC {PcId} reported an end with no open session; ignored")]
    public static partial void PcEndWithoutSession(ILogger logger, string pcId);

    [LoggerMessage(EventId = 2454, Level = LogLevel.Warning, Message = "PC {PcId} did not answer {Checks} probes in a row; its session is closed as pc-unreachable")]
    public static partial void PcUnreachable(ILogger logger, string pcId, int checks);

    [LoggerMessage(EventId = 2455, Level = LogLevel.Information, Message = "PC session endpoint listening on {Prefixes}")]
    public static partial void EndpointListening(ILogger logger, string prefixes);

    [LoggerMessage(EventId = 2456, Level = LogLevel.Error, Message = "PC session endpoint could not listen on {Prefixes}; PC sessions are not tracked, everything else runs on")]
    public static partial void EndpointFailed(ILogger logger, string prefixes, Exception exception);

    [LoggerMessage(EventId = 2457, Level = LogLevel.Warning, Message = "A PC session request failed while being answered")]
    public static partial void EndpointRequestFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2458, Level = LogLevel.Warning, Message = "{Count} open {Kind} session(s) left by the previous run closed as agent-restart-recovered")]
    public static partial void Recovered(ILogger logger, int count, string kind);

    [LoggerMessage(EventId = 2460, Level = LogLevel.Information, Message = "Copier session started on {CopierId} for {MemberId} (counter {Counter})")]
    public static partial void CopierSessionStarted(ILogger logger, string copierId, string memberId, string counter);

    [LoggerMessage(EventId = 2461, Level = LogLevel.Information, Message = "Copier session ended on {CopierId} for {MemberId}: {Reason}, {Pages}")]
    public static partial void CopierSessionEnded(ILogger logger, string copierId, string memberId, string reason, string pages);

    [LoggerMessage(EventId = 2462, Level = LogLevel.Warning, Message = "Copier {CopierId} did not answer its counter read: {Error}")]
    public static partial void CopierUnanswered(ILogger logger, string copierId, string error);

    [LoggerMessage(EventId = 2463, Level = LogLevel.Error, Message = "Copier {CopierId} enable relay on GPIO {Pin} could not be driven")]
    public static partial void CopierRelayFailed(ILogger logger, string copierId, int pin, Exception exception);

    [LoggerMessage(EventId = 2464, Level = LogLevel.Error, Message = "A copier session step failed; the copier is left disabled")]
    public static partial void CopierStepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2470, Level = LogLevel.Information, Message = "Room {Zone} checked in by {MemberId}")]
    public static partial void RoomCheckIn(ILogger logger, string zone, string memberId);

    [LoggerMessage(EventId = 2471, Level = LogLevel.Information, Message = "Room {Zone} use by {MemberId} ended: {Reason}")]
    public static partial void RoomUseEnded(ILogger logger, string zone, string memberId, string reason);

    [LoggerMessage(EventId = 2472, Level = LogLevel.Information, Message = "Booking of {Zone} by {MemberId} from {Start} had no check-in: released as no-show")]
    public static partial void RoomNoShow(ILogger logger, string zone, string memberId, DateTimeOffset start);

    [LoggerMessage(EventId = 2490, Level = LogLevel.Error, Message = "Usage queue full ({Capacity} decisions): the badge at {ReaderId} is not counted for usage")]
    public static partial void QueueFull(ILogger logger, string readerId, int capacity);

    [LoggerMessage(EventId = 2491, Level = LogLevel.Error, Message = "Usage step {Step} failed for the badge at {ReaderId}; the next steps and decisions go on")]
    public static partial void StepFailed(ILogger logger, string step, string readerId, Exception exception);

    [LoggerMessage(EventId = 2480, Level = LogLevel.Information, Message = "Seat {PcId} taken by {MemberId} at {ReaderId}")]
    public static partial void SeatAssigned(ILogger logger, string pcId, string memberId, string readerId);

    [LoggerMessage(EventId = 2481, Level = LogLevel.Information, Message = "Seat {PcId} of {MemberId} released: {Reason}")]
    public static partial void SeatReleased(ILogger logger, string pcId, string memberId, string reason);

    [LoggerMessage(EventId = 2482, Level = LogLevel.Information, Message = "PC session on {PcId} attributed to the seat holder {MemberId}")]
    public static partial void SeatAttributed(ILogger logger, string pcId, string memberId);

    [LoggerMessage(EventId = 2483, Level = LogLevel.Information, Message = "{Count} seat(s) taken before the restart kept")]
    public static partial void SeatsRestored(ILogger logger, int count);
}
