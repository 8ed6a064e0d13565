using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Sites;

/// <summary>A controlled door: its strike, sensors, alarms and the zones on each side.</summary>
public sealed class DoorConfiguration
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The zone one comes from when badging in (often "outside").</summary>
    public required string FromZone { get; init; }

    /// <summary>The zone a grant lets one into; access rights are checked against it.</summary>
    public required string ToZone { get; init; }

    public required StrikeConfiguration Strike { get; init; }

    public InputConfiguration? PositionSensor { get; init; }

    public InputConfiguration? ExitRequest { get; init; }

    public FailMode FailMode { get; init; } = FailMode.FailSecure;

    /// <summary>Time open after which the held-open pre-alarm sounds.</summary>
    public TimeSpan HeldOpenPreAlarm { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Time open after which the held-open alarm is raised.</summary>
    public TimeSpan HeldOpenAlarm { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Hours during which the door stays unlocked (e.g. open space while staffed); empty when none.</summary>
    public WeeklySchedule ScheduledUnlock { get; init; } = WeeklySchedule.Empty;

    /// <summary>Credential kinds this door's readers may present.</summary>
    public IReadOnlyList<CredentialKind> AcceptedCredentials { get; init; } = [CredentialKind.Nfc];
}
