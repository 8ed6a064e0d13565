using System.Text.Json.Serialization;

namespace Cybercantal.Edge.Protocol.Credentials;

[JsonConverter(typeof(JsonStringEnumConverter<CredentialsEnvelopeKind>))]
public enum CredentialsEnvelopeKind
{
    [JsonStringEnumMemberName("snapshot")]
    Snapshot = 1,

    [JsonStringEnumMemberName("delta")]
    Delta = 2,
}
