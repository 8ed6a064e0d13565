namespace Cybercantal.Edge.Hub.Retention;

/// <summary>What one retention run did: raw rows before <see cref="Cutoff"/> deleted, after aggregating <see cref="MonthsClosed"/>.</summary>
public sealed record RetentionResult(DateTimeOffset Cutoff, long Deleted, IReadOnlyList<string> MonthsClosed);
