namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// One usage record from a site's ingested journal (PC, copier, room, seat), with its detail split into
/// its <c>key=value</c> pairs in the order the agent wrote them (docs/usage.md lists them per kind).
/// </summary>
public sealed record UsageRecordView(
    string Site,
    long Seq,
    DateTimeOffset At,
    string Kind,
    string? Resource,
    string? Reader,
    string? Member,
    string? Badge,
    IReadOnlyDictionary<string, string> Detail);
