namespace Cybercantal.Edge.Hub.Billing;

/// <summary>A private-office lease as billing sees it (from the admin store's <c>leases</c> table); dates inclusive.</summary>
public sealed record LeasePeriod(string Member, string Site, string Zone, DateOnly Start, DateOnly? End);
