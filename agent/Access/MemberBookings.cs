namespace Cybercantal.Edge.Agent.Access;

/// <summary>Bookings of all members in flat columns; those of member m are [Offsets[m], Offsets[m + 1]).</summary>
internal sealed class MemberBookings(int[] offsets, string[] zone, long[] startUtcTicks, long[] endUtcTicks)
{
    public int[] Offsets { get; } = offsets;

    public string[] Zone { get; } = zone;

    public long[] StartUtcTicks { get; } = startUtcTicks;

    public long[] EndUtcTicks { get; } = endUtcTicks;
}
