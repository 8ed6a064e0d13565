namespace Cybercantal.Edge.Hub.Admin;

/// <summary>One access decision from a site's ingested journal.</summary>
public sealed record AccessEvent(
    string Site,
    long Seq,
    DateTimeOffset At,
    string? Door,
    string? Reader,
    string? Badge,
    string? Member,
    bool Granted,
    string? Reason,
    string? Basis);
