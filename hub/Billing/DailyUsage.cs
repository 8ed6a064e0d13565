namespace Cybercantal.Edge.Hub.Billing;

/// <summary>One stored aggregate: a member's usage of one resource on one Paris day at one centre.</summary>
public sealed record DailyUsage(string Site, string Member, string Measure, string Resource, DateOnly Day, long Quantity, long Records);
