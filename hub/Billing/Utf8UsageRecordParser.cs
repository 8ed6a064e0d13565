using System.Text;

namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// The month close's fast path for <see cref="UsageRecordParser"/>: reads a record straight from the journal
/// row's UTF-8 bytes, without decoding the detail into a string, and looks only at the keys billing needs
/// (<c>end=</c>, <c>seconds=</c>, <c>pages=</c>, <c>zone=</c>, <c>flag=</c>). It mirrors the text parser rule
/// for rule on ASCII text (same key lookup, same trimming, same bounds); whatever it is not sure to read the
/// same way (non-ASCII bytes, an instant not in the agent's <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> shape) it hands back
/// as <see cref="Utf8ParseOutcome.NeedsText"/>, so the result is always the text parser's.
/// </summary>
internal static class Utf8UsageRecordParser
{
    private const int MaxIdLength = 64;

    /// <param name="kind">The row's <c>kind</c>.</param>
    /// <param name="door">The row's <c>door</c> bytes (empty when NULL: no id check accepts either).</param>
    /// <param name="detail">The row's <c>detail</c> bytes (empty when NULL).</param>
    /// <param name="measure">One of <see cref="UsageMeasures"/>.</param>
    /// <param name="zone">The room's zone (rooms only; empty otherwise): a slice of <paramref name="detail"/>.</param>
    /// <param name="quantity">Minutes, pages or 1.</param>
    /// <param name="endUs">The detail's <c>end=</c> in journal microseconds, or null.</param>
    public static Utf8ParseOutcome TryParse(int kind, ReadOnlySpan<byte> door, ReadOnlySpan<byte> detail,
        out string measure, out ReadOnlySpan<byte> zone, out long quantity, out long? endUs)
    {
        measure = string.Empty;
        zone = default;
        quantity = 0;
        endUs = null;
        if (detail.IsEmpty)
        {
            return Utf8ParseOutcome.Refused;
        }

        if (!Ascii.IsValid(detail) || !Ascii.IsValid(door))
        {
            return Utf8ParseOutcome.NeedsText;
        }

        if (TryValue(detail, "end"u8, out var end))
        {
            var instant = TryInstant(end, out var us);
            if (instant != Utf8ParseOutcome.Parsed)
            {
                return instant;
            }

            endUs = us;
        }

        switch (kind)
        {
            case UsageRecordKinds.PcSessionEnded:
                measure = UsageMeasures.PcMinutes;
                return Result(IsId(door) && TryMinutes(detail, out quantity));
            case UsageRecordKinds.CopierSessionEnded:
                return Result(IsId(door) && TryCopier(detail, out measure, out quantity));
            case UsageRecordKinds.RoomUseEnded:
                measure = UsageMeasures.RoomMinutes;
                return Result(TryZone(detail, out zone) && TryMinutes(detail, out quantity));
            case UsageRecordKinds.RoomNoShow:
                measure = UsageMeasures.RoomNoShows;
                quantity = 1;
                return Result(TryZone(detail, out zone));
            default:
                return Utf8ParseOutcome.Refused;
        }
    }

    private static Utf8ParseOutcome Result(bool parsed) => parsed ? Utf8ParseOutcome.Parsed : Utf8ParseOutcome.Refused;

    // string.IsNullOrWhiteSpace on ASCII: only tab..carriage return and space are white space.
    private static bool IsId(ReadOnlySpan<byte> id) =>
        id.Length <= MaxIdLength && TrimAscii(id).Length > 0;

    private static bool TryZone(ReadOnlySpan<byte> detail, out ReadOnlySpan<byte> zone) =>
        TryValue(detail, "zone"u8, out zone) && !zone.IsEmpty && zone.Length <= MaxIdLength;

    private static bool TryMinutes(ReadOnlySpan<byte> detail, out long minutes)
    {
        minutes = 0;
        if (!TryNumber(detail, "seconds"u8, UsageRecordParser.MaxSeconds, out var seconds))
        {
            return false;
        }

        minutes = UsageRecordParser.MinutesOf(seconds);
        return true;
    }

    private static bool TryCopier(ReadOnlySpan<byte> detail, out string measure, out long quantity)
    {
        measure = UsageMeasures.CopierPages;
        quantity = 0;
        if (TryValue(detail, "flag"u8, out var flag) && !flag.SequenceEqual("wrapped"u8))
        {
            if (flag.SequenceEqual("counter-reset"u8) || flag.SequenceEqual("unmeasured"u8))
            {
                measure = UsageMeasures.CopierUnmeasured;
                quantity = 1;
                return true;
            }

            return false;
        }

        return TryNumber(detail, "pages"u8, UsageRecordParser.MaxPages, out quantity);
    }

    // long.TryParse(NumberStyles.None): ASCII digits only, at least one, no overflow.
    private static bool TryNumber(ReadOnlySpan<byte> detail, ReadOnlySpan<byte> key, long max, out long value)
    {
        value = 0;
        if (!TryValue(detail, key, out var digits) || digits.IsEmpty)
        {
            return false;
        }

        foreach (var b in digits)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9 || value > (long.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return value <= max;
    }

    // The agent's shape only: yyyy-MM-ddTHH:mm:ss.f{1,7}Z with every field in range. Anything else goes to the
    // text parser, which decides (it refuses most of it, and may accept forms this one does not read).
    private static Utf8ParseOutcome TryInstant(ReadOnlySpan<byte> text, out long us)
    {
        us = 0;
        const int Fixed = 19; // yyyy-MM-ddTHH:mm:ss
        if (text.Length < Fixed + 3 || text.Length > Fixed + 9 || text[^1] != (byte)'Z' || text[Fixed] != (byte)'.'
            || text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] != (byte)'T' || text[13] != (byte)':' || text[16] != (byte)':'
            || !Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second)
            || !Digits(text, Fixed + 1, text.Length - Fixed - 2, out var fraction)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return Utf8ParseOutcome.NeedsText;
        }

        for (var scale = text.Length - Fixed - 2; scale < 7; scale++)
        {
            fraction *= 10;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fraction;
        us = (ticks - DateTime.UnixEpoch.Ticks) / 10;
        return Utf8ParseOutcome.Parsed;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int length, out int value)
    {
        value = 0;
        foreach (var b in text.Slice(start, length))
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    // UsageRecordParser.TryValue on bytes: the first ';'-separated part whose text before its first '=' is the key
    // (trimmed), its value trimmed.
    private static bool TryValue(ReadOnlySpan<byte> detail, ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        var rest = detail;
        while (true)
        {
            var semicolon = rest.IndexOf((byte)';');
            var part = semicolon < 0 ? rest : rest[..semicolon];
            var equals = part.IndexOf((byte)'=');
            if (equals > 0 && TrimAscii(part[..equals]).SequenceEqual(key))
            {
                value = TrimAscii(part[(equals + 1)..]);
                return true;
            }

            if (semicolon < 0)
            {
                value = default;
                return false;
            }

            rest = rest[(semicolon + 1)..];
        }
    }

    private static ReadOnlySpan<byte> TrimAscii(ReadOnlySpan<byte> text)
    {
        var start = 0;
        while (start < text.Length && IsWhiteSpace(text[start]))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    // char.IsWhiteSpace restricted to ASCII.
    private static bool IsWhiteSpace(byte b) => b is (>= 9 and <= 13) or 32;
}
