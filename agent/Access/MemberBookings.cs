namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// Bookings of all members in flat columns; those of member m are [Offsets[m], Offsets[m + 1]).
/// <see cref="Released"/> marks a booking released as a no-show: it no longer opens the room, and the
/// refusal says why (<see cref="DenyReason.BookingReleased"/>).
/// </summary>
internal sealed class MemberBookings(int[] offsets, string[] zone, long[] startUtcTicks, long[] endUtcTicks, bool[] released)
{
    public int[] Offsets { get; } = offsets;

    public string[] Zone { get; } = zone;

    public long[] StartUtcTicks { get; } = startUtcTicks;

    public long[] EndUtcTicks { get; } = endUtcTicks;

    public bool[] Released { get; } = released;

    /// <summary>The same bookings with <see cref="Released"/> replaced (the other columns are shared, never written).</summary>
    public MemberBookings WithReleased(bool[] released) => new(Offsets, Zone, StartUtcTicks, EndUtcTicks, released);
}
