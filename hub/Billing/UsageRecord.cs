namespace Cybercantal.Edge.Hub.Billing;

/// <summary>One usage record understood by billing: what it measures, on which resource (copier, room, PC), how much.</summary>
public readonly record struct UsageRecord(string Measure, string Resource, long Quantity);
