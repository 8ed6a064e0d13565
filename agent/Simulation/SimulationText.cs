using System.Globalization;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Readers.Feedback;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Simulation;

/// <summary>How the simulation console words what happens (English lines; the kiosk's own text is shown as the kiosk would).</summary>
public static class SimulationText
{
    public static string Describe(DoorSnapshot door, DoorConfiguration configuration)
    {
        var lockState = door.Reason switch
        {
            DoorUnlockReason.None => "locked",
            DoorUnlockReason.Grant => "UNLOCKED (badge)",
            DoorUnlockReason.Exit => "UNLOCKED (exit request)",
            DoorUnlockReason.Schedule => "UNLOCKED (scheduled hours)",
            DoorUnlockReason.Emergency => "UNLOCKED (FIRE RELEASE)",
            _ => door.Reason.ToString(),
        };
        var position = door.Position switch
        {
            DoorPosition.Open => "open",
            DoorPosition.Closed => "closed",
            _ => "position unknown",
        };
        var alarms = door.Alarms == DoorAlarms.None ? string.Empty : $"  ALARM: {door.Alarms}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{configuration.Id,-18} {lockState,-27} {position,-8} {configuration.FailMode}{alarms}");
    }

    public static string Describe(BadgeDecision decision, TimeZoneInfo siteTimeZone)
    {
        var verdict = decision.Decision.Granted
            ? $"GRANTED [{decision.Decision.Basis}]"
            : $"DENIED  [{decision.Decision.Reason}]";
        var who = decision.MemberId is null ? decision.Credential.ToString() : $"{decision.MemberName} ({decision.MemberId})";
        var target = decision.Door?.Id ?? decision.Reader.Resource ?? decision.Reader.Id;
        var kiosk = BadgeFeedbackMessages.For(decision.Decision, FirstName(decision.MemberName), decision.Zone?.Name, "fr");
        return string.Create(CultureInfo.InvariantCulture,
            $"{TimeZoneInfo.ConvertTime(decision.At, siteTimeZone):HH:mm:ss} {decision.Reader.Id} -> {target}: {verdict} {who}  « {kiosk} »");
    }

    private static string? FirstName(string? displayName) =>
        displayName?.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
}
