namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// Query string of <c>GET /api/usage/records</c> and its CSV: every field optional. <c>kind</c> is a usage
/// record kind in kebab case (<c>pc-session-ended</c>, <c>copier-session-ended</c>, <c>room-no-show</c>...);
/// <c>resource</c> is the PC, copier or room door id; <c>from</c> inclusive, <c>to</c> exclusive (ISO 8601).
/// </summary>
public sealed record UsageRecordFilter(
    string? Site = null,
    string? Kind = null,
    string? Member = null,
    string? Resource = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);
