namespace Cybercantal.Edge.Agent.Access;

/// <summary>The rows of a validated seed file, ready to be written.</summary>
internal sealed class AccessSeed
{
    public List<MemberRecord> Members { get; } = [];

    public List<BadgeRecord> Badges { get; } = [];

    public List<AccessRightRecord> Rights { get; } = [];

    public List<LeaseRecord> Leases { get; } = [];

    public List<BookingRecord> Bookings { get; } = [];
}
