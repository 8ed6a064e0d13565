namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// One usage record understood by billing: what it measures, on which resource (PC or copier id, room
/// zone), how much, and when the session ended (the detail's <c>end=</c>; null when the record has none).
/// </summary>
public readonly record struct UsageRecord(string Measure, string Resource, long Quantity, DateTimeOffset? End = null);
