namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// Query string of <c>GET /api/events</c> and <c>GET /api/events.csv</c>: every field optional;
/// <c>decision</c> is <c>granted</c> or <c>denied</c>; <c>from</c> inclusive, <c>to</c> exclusive (ISO 8601).
/// </summary>
public sealed record AccessEventFilter(
    string? Site = null,
    string? Door = null,
    string? Member = null,
    string? Badge = null,
    string? Decision = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);
