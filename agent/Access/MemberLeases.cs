namespace Cybercantal.Edge.Agent.Access;

/// <summary>Leases of all members in flat columns; those of member m are [Offsets[m], Offsets[m + 1]).</summary>
internal sealed class MemberLeases(int[] offsets, string[] zone, int[] start, int[] end)
{
    public int[] Offsets { get; } = offsets;

    public string[] Zone { get; } = zone;

    /// <summary>Inclusive first site-local day number (the lease start date).</summary>
    public int[] Start { get; } = start;

    /// <summary>Inclusive last site-local day number; int.MaxValue when open-ended.</summary>
    public int[] End { get; } = end;
}
