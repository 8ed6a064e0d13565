namespace Cybercantal.Edge.Hub.Billing;

/// <summary>What a monthly usage aggregate counts (the <c>measure</c> column of <c>usage_daily</c>).</summary>
public static class UsageMeasures
{
    /// <summary>Minutes of PC sessions (open space: never billed, kept for occupancy figures).</summary>
    public const string PcMinutes = "pc-minutes";

    /// <summary>Pages printed or copied, per copier.</summary>
    public const string CopierPages = "copier-pages";

    /// <summary>Copier sessions whose page count could not be read (not billed; counted so a manager can check).</summary>
    public const string CopierUnmeasured = "copier-unmeasured";

    /// <summary>Minutes of room use, per room (visio rooms are billed, training and meeting rooms are free).</summary>
    public const string RoomMinutes = "room-minutes";

    /// <summary>Booked rooms never checked into (counted, not billed).</summary>
    public const string RoomNoShows = "room-no-shows";
}
