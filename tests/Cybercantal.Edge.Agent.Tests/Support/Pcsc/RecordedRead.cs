using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Tests.Support.Pcsc;

/// <summary>One sink call: <paramref name="Timestamp"/> is the reader's (when pcscd reported the card), <paramref name="ReceivedAt"/> when the sink got it.</summary>
public sealed record RecordedRead(string ReaderId, Credential Credential, long Timestamp, long ReceivedAt);
