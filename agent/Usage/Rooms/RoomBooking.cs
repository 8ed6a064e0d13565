namespace Cybercantal.Edge.Agent.Usage.Rooms;

/// <summary>One booking of a room as the usage tracker sees it; <see cref="Key"/> identifies it across restarts.</summary>
public sealed record RoomBooking(string MemberId, string Zone, DateTimeOffset Start, DateTimeOffset End)
{
    public string Key => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Zone}|{MemberId}|{Start.UtcTicks}");
}
