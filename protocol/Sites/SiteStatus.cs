namespace Cybercantal.Edge.Protocol.Sites;

/// <summary>
/// Agent -> everyone on <c>sites/{site}/status</c>, retained. The agent publishes <c>online</c> with a new
/// <see cref="Session"/> (a counter it increments and persists at every connection) right after connecting,
/// and registers <c>offline</c> with the same session as its Will. A reader ignores an <c>offline</c> whose
/// session is older than the newest <c>online</c> it saw, so a late Will never hides a newer session.
/// </summary>
public sealed record SiteStatus
{
    public required string Site { get; init; }

    public required SiteState State { get; init; }

    public required long Session { get; init; }
}
