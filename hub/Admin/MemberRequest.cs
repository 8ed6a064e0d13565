namespace Cybercantal.Edge.Hub.Admin;

/// <summary>Body of <c>POST /api/members</c> (with <see cref="Id"/>) and <c>PUT /api/members/{id}</c>.</summary>
public sealed record MemberRequest
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary><c>active</c> (default), <c>suspended</c> or <c>expired</c>.</summary>
    public string? Status { get; init; }

    public DateOnly? ValidFrom { get; init; }

    public DateOnly? ValidTo { get; init; }

    public bool Staff { get; init; }

    /// <summary>The centres (site ids) where the member is known; their gateways receive the member.</summary>
    public IReadOnlyList<string>? Sites { get; init; }
}
