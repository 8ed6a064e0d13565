namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// The outcome of aggregating one month's raw usage records: how many were read, how many were skipped
/// (malformed or unknown detail) or had no member, and whether the raw rows were still there (false: the
/// retention run already deleted them and the stored aggregates were kept as they were).
/// </summary>
public sealed record MonthAggregate(string Month, long Records, long Skipped, long WithoutMember, bool FromRawRecords, int Lines);
