namespace Cybercantal.Edge.Agent.Usage.Pcs;

/// <summary>One report from a PC hook: the PC, who (member id or badge credential text) and what happened.</summary>
public sealed record PcSessionReport(string PcId, PcSessionEvent Event, string? MemberId = null, string? Credential = null);
