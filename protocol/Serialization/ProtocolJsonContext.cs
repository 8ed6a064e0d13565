using System.Text.Json.Serialization;
using Cybercantal.Edge.Protocol.Commands;
using Cybercantal.Edge.Protocol.Credentials;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Sites;

namespace Cybercantal.Edge.Protocol.Serialization;

/// <summary>
/// Source-generated JSON for every protocol message: camelCase, nulls omitted, no reflection (the agent
/// runs trimmed on small gateways).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(JournalBatch))]
[JsonSerializable(typeof(JournalAck))]
[JsonSerializable(typeof(SiteStatus))]
[JsonSerializable(typeof(HubState))]
[JsonSerializable(typeof(CredentialsEnvelope))]
[JsonSerializable(typeof(CommandEnvelope))]
[JsonSerializable(typeof(CredentialsVersionReport))]
[JsonSerializable(typeof(SiteDescription))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
