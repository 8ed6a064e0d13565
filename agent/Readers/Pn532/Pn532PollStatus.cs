namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>What one InListPassiveTarget poll found.</summary>
internal enum Pn532PollStatus
{
    NoCard,
    Card,

    /// <summary>The module did not answer at all.</summary>
    Silent,

    /// <summary>Garbled answer or unusable target data (empty or over-long UID).</summary>
    Fault,
}
