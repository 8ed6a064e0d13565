namespace Cybercantal.Edge.Hub.Admin;

/// <summary>A member with everything attached (rights, leases and bookings limited to the caller's sites).</summary>
public sealed record MemberView(
    string Id,
    string Name,
    string Status,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    bool Staff,
    IReadOnlyList<string> Sites,
    IReadOnlyList<BadgeView> Badges,
    IReadOnlyList<RightView> Rights,
    IReadOnlyList<LeaseView> Leases,
    IReadOnlyList<BookingView> Bookings);
