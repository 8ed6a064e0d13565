using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Demo;

/// <summary>Log events of the demo (ids 2500-2599).</summary>
internal static partial class DemoLog
{
    [LoggerMessage(EventId = 2500, Level = LogLevel.Information, Message = "Demo starting: data {DataDirectory}, speed {Speed}x, day {Day} from {Start}")]
    public static partial void Starting(ILogger logger, string dataDirectory, double speed, DateOnly day, TimeOnly start);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Hub started: HTTP {HttpUrl}, MQTT port {MqttPort}")]
    public static partial void HubStarted(ILogger logger, Uri httpUrl, int mqttPort);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Information, Message = "Agent {Site} started ({Members} members, {Steps} planned moves)")]
    public static partial void AgentStarted(ILogger logger, string site, int members, int steps);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Warning, Message = "Demo step {Move} at {Site} failed; the day goes on")]
    public static partial void StepFailed(ILogger logger, string site, DemoMove move, Exception exception);

    [LoggerMessage(EventId = 2504, Level = LogLevel.Information, Message = "Forcing door {Door} at {Site}")]
    public static partial void ForcingDoor(ILogger logger, string site, string door);

    [LoggerMessage(EventId = 2505, Level = LogLevel.Information, Message = "First journal records of every centre committed at the hub after {Seconds:0.0} s")]
    public static partial void FirstEventsVisible(ILogger logger, double seconds);

    [LoggerMessage(EventId = 2506, Level = LogLevel.Information, Message = "Demo stopping: traffic, then agents (doors locked, journals flushed), then hub")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 2507, Level = LogLevel.Warning, Message = "Site {Site}: the hub has {Committed} of {Head} records after waiting {Seconds:0.0} s; the rest is sent at the next start")]
    public static partial void DrainIncomplete(ILogger logger, string site, long committed, long head, double seconds);

    [LoggerMessage(EventId = 2508, Level = LogLevel.Warning, Message = "Port {Port} for {What} is taken; using free port {Chosen}")]
    public static partial void PortTaken(ILogger logger, int port, string what, int chosen);

    [LoggerMessage(EventId = 2509, Level = LogLevel.Information, Message = "Day traffic of {Site} finished ({Steps} moves)")]
    public static partial void DayFinished(ILogger logger, string site, int steps);

    [LoggerMessage(EventId = 2510, Level = LogLevel.Error, Message = "Traffic generator of {Site} stopped on an error")]
    public static partial void GeneratorFailed(ILogger logger, string site, Exception exception);

    [LoggerMessage(EventId = 2511, Level = LogLevel.Warning, Message = "Agent {Site} did not stop cleanly")]
    public static partial void AgentStopFailed(ILogger logger, string site, Exception exception);

    [LoggerMessage(EventId = 2512, Level = LogLevel.Information, Message = "{Members} members and {Bookings} bookings entered at the hub through its admin API in {Seconds:0.00} s")]
    public static partial void AccessDataEntered(ILogger logger, int members, int bookings, double seconds);

    [LoggerMessage(EventId = 2513, Level = LogLevel.Information, Message = "Agent {Site} runs the hub's credential version {Version} ({Seconds:0.00} s after start); its day begins")]
    public static partial void AccessDataSynced(ILogger logger, string site, long version, double seconds);

    [LoggerMessage(EventId = 2514, Level = LogLevel.Warning, Message = "Agent {Site} does not report the hub's credential version {Version} (reported {Reported}) after {Seconds:0.0} s; its day is played anyway")]
    public static partial void AccessDataNotSynced(ILogger logger, string site, long version, long? reported, double seconds, Exception? exception);

    [LoggerMessage(EventId = 2515, Level = LogLevel.Information, Message = "First door decision {Seconds:0.00} s after start")]
    public static partial void FirstDecision(ILogger logger, double seconds);
}
