namespace Cybercantal.Edge.Agent.Usage;

/// <summary>
/// An open session as kept durably: one per resource (a PC, a copier, a room zone).
/// <see cref="LastAlive"/> is the last instant the session was known to be in use, where a recovered
/// session is closed.
/// </summary>
public sealed record OpenUsageSession(string Kind, string Resource, string? MemberId, string? Credential, DateTimeOffset Started, DateTimeOffset LastAlive)
{
    /// <summary>Copier page counter at the start; null when the copier did not answer.</summary>
    public long? Counter { get; init; }

    /// <summary>The reader the session was opened at (copier, room door).</summary>
    public string? ReaderId { get; init; }

    /// <summary>Room uses: the door checked in at.</summary>
    public string? DoorId { get; init; }

    /// <summary>Room uses: the booking's start and end.</summary>
    public DateTimeOffset? BookingStart { get; init; }

    public DateTimeOffset? BookingEnd { get; init; }
}
