using Cybercantal.Edge.Protocol.Access;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// Explicit rights of all members in flat columns: the rights of member m are the indices
/// [Offsets[m], Offsets[m + 1]); the schedule slots of right r are [SlotOffsets[r], SlotOffsets[r + 1])
/// in <see cref="Slots"/>, an empty slot range meaning "no schedule" (opening hours apply).
/// </summary>
internal sealed class MemberRights(int[] offsets, string[] zone, int[] validFrom, int[] validTo, int[] slotOffsets, ScheduleSlot[] slots)
{
    public int[] Offsets { get; } = offsets;

    public string[] Zone { get; } = zone;

    /// <summary>Inclusive first valid site-local day number.</summary>
    public int[] ValidFrom { get; } = validFrom;

    /// <summary>Inclusive last valid site-local day number.</summary>
    public int[] ValidTo { get; } = validTo;

    public int[] SlotOffsets { get; } = slotOffsets;

    public ScheduleSlot[] Slots { get; } = slots;
}
