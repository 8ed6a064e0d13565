namespace Cybercantal.Edge.Agent.Access;

/// <summary>Membership state of a teleworker; stored as lower-case text in the access store.</summary>
public enum MemberStatus : byte
{
    Active = 0,
    Suspended = 1,
    Expired = 2,
}
