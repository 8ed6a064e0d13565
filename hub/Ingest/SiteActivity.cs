using Cybercantal.Edge.Protocol.Sites;

namespace Cybercantal.Edge.Hub.Ingest;

/// <summary>One site's ingest state as shown by <c>GET /api/sites/status</c>.</summary>
public sealed record SiteActivity
{
    public required string Site { get; init; }

    public long CommittedThrough { get; init; }

    public long HighestStored { get; init; }

    /// <summary>The agent's newest sequence as last announced (or the highest received).</summary>
    public long Head { get; init; }

    /// <summary>Records the hub is behind the agent: <c>max(head, highestStored) - committedThrough</c>.</summary>
    public long Lag => Math.Max(Head, HighestStored) - CommittedThrough;

    public DateTimeOffset? LastSeen { get; init; }

    public SiteState? State { get; init; }

    public long? Session { get; init; }

    public long RefusedBatches { get; init; }
}
