using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Cybercantal.Edge.Protocol.Serialization;

/// <summary>
/// The steps every message the hub receives goes through before its own checks: size limit, empty payload,
/// JSON that parses (depth-limited) to a non-null value, then the message's validation. Each refusal is a
/// sentence fit for a log line.
/// </summary>
internal static class ProtocolPayload
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8 };

    /// <summary>Reads <paramref name="payload"/>, published on the topic of <paramref name="topicSite"/>, by <paramref name="rules"/>.</summary>
    public static bool TryRead<T>(
        ReadOnlySequence<byte> payload,
        PayloadRules<T> rules,
        string topicSite,
        [NotNullWhen(true)] out T? message,
        [NotNullWhen(false)] out string? error)
        where T : class
    {
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        return TryRead(ref reader, payload.Length, rules, topicSite, out message, out error);
    }

    /// <summary>The same for a payload in one span.</summary>
    public static bool TryRead<T>(
        ReadOnlySpan<byte> payload,
        PayloadRules<T> rules,
        string topicSite,
        [NotNullWhen(true)] out T? message,
        [NotNullWhen(false)] out string? error)
        where T : class
    {
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        return TryRead(ref reader, payload.Length, rules, topicSite, out message, out error);
    }

    /// <summary>The steps themselves; <paramref name="reader"/> has not read anything yet.</summary>
    private static bool TryRead<T>(
        ref Utf8JsonReader reader,
        long length,
        PayloadRules<T> rules,
        string topicSite,
        [NotNullWhen(true)] out T? message,
        [NotNullWhen(false)] out string? error)
        where T : class
    {
        message = null;
        error = length > rules.MaxBytes ? string.Create(CultureInfo.InvariantCulture, $"oversized {rules.What}: {length} bytes, the limit is {rules.MaxBytes}")
            : length == 0 ? "empty payload"
            : null;
        if (error is not null)
        {
            return false;
        }

        try
        {
            message = JsonSerializer.Deserialize(ref reader, rules.Type);
        }
        catch (JsonException exception)
        {
            error = "malformed JSON: " + exception.Message;
            return false;
        }

        if (message is null)
        {
            error = "malformed JSON: the payload is null";
            return false;
        }

        error = rules.Validate(message, topicSite);
        if (error is not null)
        {
            message = null;
            return false;
        }

        return true;
    }
}
