namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// A private-office lease. <see cref="Start"/> also drives billing later; <see cref="End"/> is
/// inclusive and null for an open-ended lease. Dates are site-local.
/// </summary>
public sealed record LeaseRecord(string MemberId, string Zone, DateOnly Start, DateOnly? End);
