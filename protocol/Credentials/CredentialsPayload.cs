namespace Cybercantal.Edge.Protocol.Credentials;

/// <summary>
/// The payload of a <see cref="CredentialsEnvelope"/>. A snapshot lists every member of the site and no
/// <see cref="Removed"/>; a delta lists the members whose entry changed (each replaced whole) and the ids
/// of members the site no longer knows.
/// </summary>
public sealed record CredentialsPayload
{
    public IReadOnlyList<CredentialMember> Members { get; init; } = [];

    public IReadOnlyList<string>? Removed { get; init; }
}
