using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Agent.Journal;

/// <summary>
/// A record as stored in the journal: the entry fields plus its sequence number, wall-clock time (UTC,
/// millisecond precision) and monotonic timestamp (<see cref="TimeProvider.GetTimestamp"/> of the process
/// that appended it: comparable only within one agent run).
/// </summary>
public sealed record JournalRecord(long Sequence, JournalRecordKind Kind, DateTimeOffset WallClock, long Monotonic)
{
    public string? DoorId { get; init; }

    public string? ReaderId { get; init; }

    public Credential Credential { get; init; }

    /// <summary>The credential text exactly as stored (canonical form), or null when there was none.</summary>
    public string? CredentialText { get; init; }

    public string? MemberId { get; init; }

    public bool? Granted { get; init; }

    public DenyReason Reason { get; init; }

    public GrantBasis Basis { get; init; }

    public string? Detail { get; init; }

    /// <summary>The entry this record was appended from.</summary>
    public JournalEntry ToEntry() => new(Kind)
    {
        DoorId = DoorId,
        ReaderId = ReaderId,
        Credential = Credential,
        MemberId = MemberId,
        Granted = Granted,
        Reason = Reason,
        Basis = Basis,
        Detail = Detail,
    };
}
