namespace Cybercantal.Edge.Hub.Admin;

/// <summary>Body of <c>POST /api/leases</c> and <c>PUT /api/leases/{id}</c>; dates site-local and inclusive.</summary>
public sealed record LeaseRequest
{
    public string? MemberId { get; init; }

    public string? Site { get; init; }

    public string? Zone { get; init; }

    public DateOnly? Start { get; init; }

    public DateOnly? End { get; init; }
}
