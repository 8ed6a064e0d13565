using System.Buffers;
using System.Text.Json;
using Cybercantal.Edge.Protocol.Credentials;
using Cybercantal.Edge.Protocol.Serialization;

namespace Cybercantal.Edge.Agent.Tests.Credentials;

/// <summary>Builds credential envelopes as the hub sends them.</summary>
internal static class CredentialMessages
{
    public static readonly DateTimeOffset IssuedAt = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    public static CredentialMember Member(string id, string credential, string badgeState = "active", string status = "active") => new()
    {
        Id = id,
        Name = "Anne",
        Status = status,
        Badges = [new CredentialBadge(credential, badgeState)],
    };

    public static ReadOnlySequence<byte> Snapshot(string site, long version, params CredentialMember[] members) => Bytes(new CredentialsEnvelope
    {
        Id = "s" + version,
        Site = site,
        Kind = CredentialsEnvelopeKind.Snapshot,
        Version = version,
        IssuedAt = IssuedAt,
        Payload = new CredentialsPayload { Members = members },
    });

    public static ReadOnlySequence<byte> Delta(string site, long baseVersion, long version, CredentialMember[] members, string[]? removed = null) => Bytes(new CredentialsEnvelope
    {
        Id = "d" + version,
        Site = site,
        Kind = CredentialsEnvelopeKind.Delta,
        Version = version,
        BaseVersion = baseVersion,
        IssuedAt = IssuedAt,
        Payload = new CredentialsPayload { Members = members, Removed = removed },
    });

    public static ReadOnlySequence<byte> Bytes(CredentialsEnvelope envelope) =>
        new(JsonSerializer.SerializeToUtf8Bytes(envelope, ProtocolJsonContext.Default.CredentialsEnvelope));
}
