using System.Globalization;

namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// Reads values from a usage record's detail as the agent writes it (docs/usage.md "Journal records"):
/// <c>key=value</c> pairs separated by <c>;</c>, any order, unknown keys ignored, instants in UTC ISO-8601.
/// Shared by billing's <see cref="UsageRecordParser"/> and the room report so both read a detail the same way.
/// </summary>
public static class UsageDetailValues
{
    /// <summary>The trimmed value of <paramref name="key"/>; false when the key is absent.</summary>
    public static bool TryValue(string detail, string key, out ReadOnlySpan<char> value)
    {
        ArgumentNullException.ThrowIfNull(detail);
        foreach (var range in detail.AsSpan().Split(';'))
        {
            var part = detail.AsSpan(range);
            var equals = part.IndexOf('=');
            if (equals > 0 && part[..equals].Trim().SequenceEqual(key))
            {
                value = part[(equals + 1)..].Trim();
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>A non-negative integer of digits only, at most <paramref name="max"/>.</summary>
    public static bool TryNumber(string detail, string key, long max, out long value)
    {
        value = 0;
        return TryValue(detail, key, out var span)
            && long.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value <= max;
    }

    /// <summary>The instant of <paramref name="key"/>, which must be UTC ISO-8601 (<c>yyyy-MM-ddTHH:mm:ss.fffZ</c>).</summary>
    public static bool TryInstant(string detail, string key, out DateTimeOffset value)
    {
        value = default;
        return TryValue(detail, key, out var span) && TryInstant(span, out value);
    }

    /// <summary>Parses a UTC ISO-8601 instant ending in <c>Z</c>; false on anything else.</summary>
    public static bool TryInstant(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        return text.Length > 0 && text[^1] == 'Z'
            && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}
