using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Badges;

/// <summary>What happened to one badge presentation, for live views (simulation console, kiosk).</summary>
public sealed record BadgeDecision(
    ReaderConfiguration Reader,
    DoorConfiguration? Door,
    ZoneConfiguration? Zone,
    Credential Credential,
    AccessDecision Decision,
    string? MemberId,
    string? MemberName,
    DateTimeOffset At);
