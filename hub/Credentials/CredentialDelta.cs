using Cybercantal.Edge.Protocol.Credentials;

namespace Cybercantal.Edge.Hub.Credentials;

/// <summary>One site's share of a committed change: the delta taking it from <see cref="Version"/> - 1 to <see cref="Version"/>.</summary>
public sealed record CredentialDelta(string Site, long Version, CredentialsPayload Payload);
