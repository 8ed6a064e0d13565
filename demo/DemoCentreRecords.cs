using Cybercantal.Edge.Hub.Admin;

namespace Cybercantal.Edge.Demo;

/// <summary>
/// One centre's people as its manager enters them at the hub: members (with their centre), their badges,
/// the private-office leases and the room bookings of the demo day, in the admin API's own request types.
/// </summary>
public sealed record DemoCentreRecords(
    string Site,
    IReadOnlyList<MemberRequest> Members,
    IReadOnlyList<BadgeRequest> Badges,
    IReadOnlyList<LeaseRequest> Leases,
    IReadOnlyList<BookingRequest> Bookings);
