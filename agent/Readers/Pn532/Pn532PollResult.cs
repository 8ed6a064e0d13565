using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>Outcome of one poll: the credential for <see cref="Pn532PollStatus.Card"/>, the problem for a fault.</summary>
internal readonly record struct Pn532PollResult(Pn532PollStatus Status, Credential Credential, string? Fault);
