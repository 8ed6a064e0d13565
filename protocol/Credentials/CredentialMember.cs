namespace Cybercantal.Edge.Protocol.Credentials;

/// <summary>
/// Everything a site needs to know about one member: the unit of credential snapshots and deltas. A delta
/// replaces a member's whole entry (badges, rights, leases, bookings included), so applying it never
/// depends on the order of row-level edits.
/// </summary>
public sealed record CredentialMember
{
    public required string Id { get; init; }

    /// <summary>First name the kiosk greets with.</summary>
    public required string Name { get; init; }

    /// <summary><c>active</c>, <c>suspended</c> or <c>expired</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Inclusive site-local date, <c>yyyy-MM-dd</c>; absent = unbounded.</summary>
    public DateOnly? ValidFrom { get; init; }

    public DateOnly? ValidTo { get; init; }

    public bool Staff { get; init; }

    public IReadOnlyList<CredentialBadge> Badges { get; init; } = [];

    public IReadOnlyList<CredentialRight> Rights { get; init; } = [];

    public IReadOnlyList<CredentialLease> Leases { get; init; } = [];

    public IReadOnlyList<CredentialBooking> Bookings { get; init; } = [];
}
