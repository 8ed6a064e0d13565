namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// What a decision needs of a member, packed in 12 bytes so one cache line read answers it.
/// Validity bounds are inclusive site-local day numbers (int.MinValue / int.MaxValue when open).
/// </summary>
internal readonly record struct MemberRow(int ValidFrom, int ValidTo, MemberStatus Status, bool Staff);
