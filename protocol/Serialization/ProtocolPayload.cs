using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cybercantal.Edge.Protocol.Serialization;

/// <summary>
/// The steps every message the hub receives goes through before its own checks: size limit, empty payload,
/// JSON that parses (depth-limited) to a non-null value, then the message's validation. Each refusal is a
/// sentence fit for a log line.
/// </summary>
internal static class ProtocolPayload
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8 };

    /// <param name="what">The message's name in the size refusal ("batch", "description").</param>
    /// <param name="validate">The message's checks against the topic's site: null when acceptable, else why not.</param>
    public static bool TryRead<T>(
        ReadOnlySequence<byte> payload,
        string what,
        int maxBytes,
        JsonTypeInfo<T> type,
        Func<T, string, string?> validate,
        string topicSite,
        [NotNullWhen(true)] out T? message,
        [NotNullWhen(false)] out string? error)
        where T : class
    {
        message = null;
        error = CheckSize(payload.Length, what, maxBytes);
        if (error is not null)
        {
            return false;
        }

        var reader = new Utf8JsonReader(payload, ReaderOptions);
        return TryDeserialize(ref reader, type, validate, topicSite, out message, out error);
    }

    /// <inheritdoc cref="TryRead{T}(ReadOnlySequence{byte}, string, int, JsonTypeInfo{T}, Func{T, string, string?}, string, out T, out string)"/>
    public static bool TryRead<T>(
        ReadOnlySpan<byte> payload,
        string what,
        int maxBytes,
        JsonTypeInfo<T> type,
        Func<T, string, string?> validate,
        string topicSite,
        [NotNullWhen(true)] out T? message,
        [NotNullWhen(false)] out string? error)
        where T : class
    {
        message = null;
        error = CheckSize(payload.Length, what, maxBytes);
        if (error is not null)
        {
            return false;
        }

        var reader = new Utf8JsonReader(payload, ReaderOptions);
        return TryDeserialize(ref reader, type, validate, topicSite, out message, out error);
    }

    private static string? CheckSize(long length, string what, int maxBytes) =>
        length > maxBytes ? string.Create(CultureInfo.InvariantCulture, $"oversized {what}: {length} bytes, the limit is {maxBytes}")
        : length == 0 ? "empty payload"
        : null;

    private static bool TryDeserialize<T>(
        ref Utf8JsonReader reader,
        JsonTypeInfo<T> type,
        Func<T, string, string?> validate,
        string topicSite,
        [NotNullWhen(true)] out T? message,
        [NotNullWhen(false)] out string? error)
        where T : class
    {
        try
        {
            message = JsonSerializer.Deserialize(ref reader, type);
        }
        catch (JsonException exception)
        {
            message = null;
            error = "malformed JSON: " + exception.Message;
            return false;
        }

        if (message is null)
        {
            error = "malformed JSON: the payload is null";
            return false;
        }

        error = validate(message, topicSite);
        if (error is not null)
        {
            message = null;
            return false;
        }

        return true;
    }
}
