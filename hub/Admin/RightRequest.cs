namespace Cybercantal.Edge.Hub.Admin;

/// <summary>Body of <c>POST /api/rights</c> and <c>PUT /api/rights/{id}</c>.</summary>
public sealed record RightRequest
{
    public string? MemberId { get; init; }

    public string? Site { get; init; }

    public string? Zone { get; init; }

    /// <summary>Weekly schedule text, e.g. <c>mon-fri 08:00-12:00,14:00-18:00; sat 09:00-12:00</c>; absent = opening hours.</summary>
    public string? Schedule { get; init; }

    public DateOnly? ValidFrom { get; init; }

    public DateOnly? ValidTo { get; init; }
}
