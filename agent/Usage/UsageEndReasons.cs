namespace Cybercantal.Edge.Agent.Usage;

/// <summary>Why a session ended: the <c>reason=</c> of every *Ended record. Stable strings the hub bills from.</summary>
public static class UsageEndReasons
{
    public const string Logout = "logout";
    public const string IdleTimeout = "idle-timeout";
    public const string PcUnreachable = "pc-unreachable";
    public const string ForcedByStaff = "forced-by-staff";
    public const string AgentRestartRecovered = "agent-restart-recovered";
    public const string Superseded = "superseded";
    public const string BadgeOut = "badge-out";
    public const string MaxDuration = "max-duration";
    public const string Exit = "exit";
    public const string BookingEnd = "booking-end";
    public const string OccupancyTimeout = "occupancy-timeout";

    /// <summary>Seats: the holder took another desk.</summary>
    public const string Moved = "moved";
}
