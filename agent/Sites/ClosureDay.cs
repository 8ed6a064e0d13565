namespace Cybercantal.Edge.Agent.Sites;

/// <summary>A day the centre is closed (public holiday, works), whatever the opening hours say.</summary>
public sealed record ClosureDay(DateOnly Date, string? Reason);
