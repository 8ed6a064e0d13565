using System.Globalization;

namespace Cybercantal.Edge.Hub.Rooms;

/// <summary>
/// The two values of a room record's detail (<c>key=value;...</c>, docs/usage.md) the report needs beyond
/// what billing's <see cref="Billing.UsageRecordParser"/> exposes: exact <c>seconds</c> and <c>booking-start</c>.
/// </summary>
internal static class RoomDetail
{
    public static bool TryNumber(string detail, string key, out long value)
    {
        value = 0;
        return TryValue(detail, key, out var text)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value <= Billing.UsageRecordParser.MaxSeconds;
    }

    public static bool TryInstant(string detail, string key, out DateTimeOffset value)
    {
        value = default;
        return TryValue(detail, key, out var text) && text.Length > 0 && text[^1] == 'Z'
            && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    private static bool TryValue(string detail, string key, out ReadOnlySpan<char> value)
    {
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
}
