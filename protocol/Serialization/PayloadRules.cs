using System.Text.Json.Serialization.Metadata;

namespace Cybercantal.Edge.Protocol.Serialization;

/// <summary>What <see cref="ProtocolPayload"/> needs to know of one message the hub receives.</summary>
/// <param name="What">The message's name in the size refusal ("batch", "description").</param>
/// <param name="MaxBytes">Largest payload accepted.</param>
/// <param name="Type">The message's source-generated JSON contract.</param>
/// <param name="Validate">The message's checks against the topic's site: null when acceptable, else why not.</param>
internal sealed record PayloadRules<T>(string What, int MaxBytes, JsonTypeInfo<T> Type, Func<T, string, string?> Validate)
    where T : class;
