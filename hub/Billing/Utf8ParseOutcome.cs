namespace Cybercantal.Edge.Hub.Billing;

/// <summary>What <see cref="Utf8UsageRecordParser"/> made of a record read as UTF-8 bytes.</summary>
internal enum Utf8ParseOutcome
{
    /// <summary>Understood, with the same result <see cref="UsageRecordParser"/> gives.</summary>
    Parsed,

    /// <summary>Malformed: <see cref="UsageRecordParser"/> refuses it too.</summary>
    Refused,

    /// <summary>Outside the fast path (non-ASCII text, an unusual instant): decode it and ask <see cref="UsageRecordParser"/>.</summary>
    NeedsText,
}
