namespace Cybercantal.Edge.Agent.Usage.Pcs;

/// <summary>The outcome of a PC report and, when refused, a message naming the problem.</summary>
public sealed record PcSessionResult(PcSessionOutcome Outcome, string? Error = null, string? MemberId = null)
{
    public bool Accepted => Outcome is PcSessionOutcome.Started or PcSessionOutcome.Ended;
}
