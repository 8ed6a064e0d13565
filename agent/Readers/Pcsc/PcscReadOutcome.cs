using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>What one GET DATA UID exchange gave: a transport result, then either a credential or a fault.</summary>
internal readonly record struct PcscReadOutcome(PcscResult Result, Credential Credential, string? Fault);
