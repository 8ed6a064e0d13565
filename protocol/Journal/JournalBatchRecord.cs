namespace Cybercantal.Edge.Protocol.Journal;

/// <summary>
/// One journal record as sent to the hub. <see cref="Seq"/> is the site's gap-free sequence number
/// (starting at 1); everything except <see cref="Seq"/>, <see cref="Kind"/>, <see cref="At"/> and
/// <see cref="Mono"/> is optional and omitted from the JSON when absent.
/// </summary>
public sealed record JournalBatchRecord
{
    public required long Seq { get; init; }

    /// <summary>Sent as its stable numeric value.</summary>
    public required JournalRecordKind Kind { get; init; }

    /// <summary>Wall-clock time of the event, UTC (offset must be zero).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The gateway's monotonic clock in milliseconds (since its boot): orders events when the wall clock jumps.</summary>
    public required long Mono { get; init; }

    public string? Door { get; init; }

    public string? Reader { get; init; }

    /// <summary>Canonical credential text, e.g. <c>nfc:04A1B2C3D4E5F6</c> or <c>wiegand26:123:45678</c>.</summary>
    public string? Credential { get; init; }

    public string? Member { get; init; }

    public bool? Granted { get; init; }

    /// <summary>The agent's <c>DenyReason</c> name, e.g. <c>OutOfHours</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>The agent's <c>GrantBasis</c> name, e.g. <c>Booking</c>.</summary>
    public string? Basis { get; init; }

    /// <summary>A short machine-readable state or detail, e.g. <c>unlocked</c>, <c>fault:pin busy</c>.</summary>
    public string? Detail { get; init; }
}
