namespace Cybercantal.Edge.Agent.Access;

/// <summary>A badge row: a canonical credential belonging to one member.</summary>
public sealed record BadgeRecord(Credential Credential, BadgeState State, string MemberId);
