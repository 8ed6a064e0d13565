namespace Cybercantal.Edge.Hub.Commands;

/// <summary>
/// Body of <c>POST /api/sites/{site}/commands</c>: <c>name</c> is <c>door.unlock-once</c> (with <c>door</c>),
/// <c>site.lockdown</c> (with <c>on</c>), <c>credentials.resync</c> or <c>usage.end-session</c> (with exactly one of
/// <c>pc</c>, <c>copier</c>, <c>room</c>: the session to end as forced by staff); <c>ttlSeconds</c> (default 60, at
/// most 3600) bounds how late the site may still execute it.
/// </summary>
public sealed record CommandRequest
{
    public string? Name { get; init; }

    public string? Door { get; init; }

    public bool? On { get; init; }

    public string? Pc { get; init; }

    public string? Copier { get; init; }

    public string? Room { get; init; }

    public int? TtlSeconds { get; init; }
}
