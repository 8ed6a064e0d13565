namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// A member row. <see cref="DisplayName"/> is the first name the kiosk greets with.
/// Validity dates are inclusive site-local dates; null means unbounded.
/// </summary>
public sealed record MemberRecord(
    string Id,
    string DisplayName,
    MemberStatus Status,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    bool Staff);
