namespace Cybercantal.Edge.Protocol.Credentials;

/// <summary>A badge of a member: canonical credential text and <c>active</c>, <c>revoked</c> or <c>lost</c>.</summary>
public sealed record CredentialBadge(string Credential, string State);
