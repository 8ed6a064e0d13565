namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// The outcome of one badge presentation. A value type so deciding allocates nothing;
/// <see cref="MemberIndex"/> points into the loaded store (-1 when the badge is unknown).
/// </summary>
public readonly record struct AccessDecision(bool Granted, DenyReason Reason, int MemberIndex, GrantBasis Basis)
{
    public static AccessDecision Deny(DenyReason reason, int memberIndex = -1) => new(false, reason, memberIndex, GrantBasis.None);

    public static AccessDecision Grant(int memberIndex, GrantBasis basis) => new(true, DenyReason.None, memberIndex, basis);
}
