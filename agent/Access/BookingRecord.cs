namespace Cybercantal.Edge.Agent.Access;

/// <summary>A meeting or visio room booking, [Start, End) in UTC.</summary>
public sealed record BookingRecord(string MemberId, string Zone, DateTimeOffset Start, DateTimeOffset End);
