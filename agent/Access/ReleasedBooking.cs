namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// A room booking released as a no-show: it stays in the store (the hub removes it with its next credential
/// version) but no longer opens the room. Identified by member, room zone and start; <see cref="End"/> bounds
/// how long the release is remembered.
/// </summary>
public sealed record ReleasedBooking(string MemberId, string Zone, DateTimeOffset Start, DateTimeOffset End);
