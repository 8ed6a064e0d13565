namespace Cybercantal.Edge.Hub.Admin;

/// <summary>Body of <c>POST /api/badges</c> and <c>PUT /api/badges/{credential}</c>.</summary>
public sealed record BadgeRequest
{
    /// <summary>Canonical credential text: <c>nfc:04A1B2C3</c>, <c>wiegand26:123:45678</c> (POST only).</summary>
    public string? Credential { get; init; }

    public string? MemberId { get; init; }

    /// <summary><c>active</c> (default), <c>revoked</c> or <c>lost</c>.</summary>
    public string? State { get; init; }
}
