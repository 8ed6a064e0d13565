using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Doors;

/// <summary>Door and strike logs; event ids 1100-1199 are stable (Gpio uses 1200-1299).</summary>
internal static partial class DoorsLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Door '{DoorId}' unlocked ({Reason})")]
    public static partial void DoorUnlocked(ILogger logger, string doorId, DoorUnlockReason reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Door '{DoorId}' locked")]
    public static partial void DoorLocked(ILogger logger, string doorId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Door '{DoorId}' opened")]
    public static partial void DoorOpened(ILogger logger, string doorId);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Door '{DoorId}' closed")]
    public static partial void DoorClosed(ILogger logger, string doorId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Door '{DoorId}' forced open (no grant, no exit request, no scheduled or emergency unlock)")]
    public static partial void DoorForcedOpen(ILogger logger, string doorId);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Door '{DoorId}' held open for {OpenFor}: pre-alarm")]
    public static partial void DoorHeldOpenPreAlarm(ILogger logger, string doorId, TimeSpan openFor);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Error, Message = "Door '{DoorId}' held open for {OpenFor}: alarm")]
    public static partial void DoorHeldOpen(ILogger logger, string doorId, TimeSpan openFor);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Information, Message = "Door '{DoorId}' alarm cleared ({Alarm})")]
    public static partial void DoorAlarmCleared(ILogger logger, string doorId, string alarm);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Information, Message = "Door '{DoorId}' exit request")]
    public static partial void DoorExitRequest(ILogger logger, string doorId);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Information, Message = "Door '{DoorId}' scheduled unlock {State}")]
    public static partial void ScheduledUnlockChanged(ILogger logger, string doorId, string state);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Door '{DoorId}' grant refused: site in lockdown")]
    public static partial void GrantRefusedLockdown(ILogger logger, string doorId);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Error, Message = "Door '{DoorId}': writing {Level} to strike GPIO {Pin} failed")]
    public static partial void StrikeWriteFailed(ILogger logger, Exception exception, string doorId, int pin, string level);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Information, Message = "Door '{DoorId}': strike GPIO {Pin} writes again")]
    public static partial void StrikeWriteRecovered(ILogger logger, string doorId, int pin);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Error, Message = "GPIO {Pin} ({Use}) fault")]
    public static partial void InputFault(ILogger logger, Exception exception, int pin, string use);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Warning, Message = "Site lockdown {State} (origin: {Origin})")]
    public static partial void LockdownChanged(ILogger logger, string state, string origin);

    [LoggerMessage(EventId = 1115, Level = LogLevel.Critical, Message = "Fire alarm active: emergency release of {Count} fail-safe door(s)")]
    public static partial void EmergencyReleaseActive(ILogger logger, int count);

    [LoggerMessage(EventId = 1116, Level = LogLevel.Warning, Message = "Fire alarm cleared: doors return to their normal state")]
    public static partial void EmergencyReleaseCleared(ILogger logger);

    [LoggerMessage(EventId = 1117, Level = LogLevel.Information, Message = "Door system started: {DoorCount} door(s), fire alarm input on GPIO {FireAlarmPin}")]
    public static partial void DoorSystemStarted(ILogger logger, int doorCount, int? fireAlarmPin);

    [LoggerMessage(EventId = 1118, Level = LogLevel.Information, Message = "Door system stopped: strikes driven locked, GPIO lines released")]
    public static partial void DoorSystemStopped(ILogger logger);

    [LoggerMessage(EventId = 1119, Level = LogLevel.Critical, Message = "Door system could not start: {Message}")]
    public static partial void DoorSystemStartFailed(ILogger logger, Exception exception, string message);

    [LoggerMessage(EventId = 1120, Level = LogLevel.Error, Message = "A door state subscriber failed for door '{DoorId}'")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception, string doorId);
}
