namespace Cybercantal.Edge.Agent.Access;

/// <summary>State of one badge; stored as lower-case text in the access store.</summary>
public enum BadgeState : byte
{
    Active = 0,
    Revoked = 1,
    Lost = 2,
}
