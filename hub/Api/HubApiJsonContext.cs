using System.Text.Json.Serialization;
using Cybercantal.Edge.Hub.Ingest;

namespace Cybercantal.Edge.Hub.Api;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<SiteActivity>))]
internal sealed partial class HubApiJsonContext : JsonSerializerContext;
