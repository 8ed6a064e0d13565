namespace Cybercantal.Edge.Agent.Access;

/// <summary>Which rule let a badge in. Values are journaled: never renumber, only append.</summary>
public enum GrantBasis : byte
{
    None = 0,
    CommonArea = 1,
    Lease = 2,
    Booking = 3,
    Staff = 4,
    ExplicitRight = 5,
}
