using System.Text.Json.Serialization;

namespace Cybercantal.Edge.Agent.Usage.Pcs;

/// <summary>
/// Source-generated JSON for the PC session endpoint's answers: no reflection, so a trimmed or Native AOT
/// agent (the only build under 60 MB resident, docs/benchmarks.md) serialises them too.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, string?>))]
internal sealed partial class PcSessionJsonContext : JsonSerializerContext;
