using Cybercantal.Edge.Agent.Journal;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>A hub acknowledgement that stays where the harness put it.</summary>
internal sealed class FixedAcknowledgement(long acknowledgedThrough) : IJournalAcknowledgement
{
    public long AcknowledgedThrough { get; } = acknowledgedThrough;
}
