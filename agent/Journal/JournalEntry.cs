using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Agent.Journal;

/// <summary>
/// One event to journal, before it has a sequence number. Every field is optional except the kind;
/// string fields are expected to be configuration or store strings (already allocated), so building
/// an entry on the door path allocates nothing.
/// </summary>
public readonly record struct JournalEntry(JournalRecordKind Kind)
{
    public string? DoorId { get; init; }

    public string? ReaderId { get; init; }

    public Credential Credential { get; init; }

    public string? MemberId { get; init; }

    public bool? Granted { get; init; }

    public DenyReason Reason { get; init; }

    public GrantBasis Basis { get; init; }

    /// <summary>A short machine-readable state or detail, e.g. "unlocked", "open", "fault:pin busy".</summary>
    public string? Detail { get; init; }
}
