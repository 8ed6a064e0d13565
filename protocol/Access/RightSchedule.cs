using System.Globalization;

namespace Cybercantal.Edge.Protocol.Access;

/// <summary>
/// The text form of an explicit right's weekly schedule, as stored and seeded:
/// <c>mon-fri 08:00-12:00,14:00-18:00; sat 09:00-12:00</c>. Groups are separated by ';', each is a
/// day list (<c>mon</c>, <c>mon-fri</c>, <c>mon,wed,fri</c>) and one or more HH:mm-HH:mm ranges
/// (end exclusive, <c>24:00</c> allowed). Times are site-local.
/// </summary>
public static class RightSchedule
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>Parses schedule text; on failure gives a message and the 0-based offset of the fault.</summary>
    public static bool TryParse(string text, out ScheduleSlot[] slots, out string? error, out int errorOffset)
    {
        var result = new List<ScheduleSlot>();
        slots = [];
        error = null;
        errorOffset = 0;
        var groupStart = 0;
        foreach (var group in text.Split(';'))
        {
            var offset = groupStart + (group.Length - group.TrimStart().Length);
            groupStart += group.Length + 1;
            var trimmed = group.Trim();
            if (trimmed.Length == 0)
            {
                error = "empty schedule group";
                errorOffset = offset;
                return false;
            }

            var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                error = $"'{trimmed}' needs days then time ranges, e.g. 'mon-fri 08:00-18:00'";
                errorOffset = offset;
                return false;
            }

            if (!TryParseDays(trimmed[..space], out var days))
            {
                error = $"'{trimmed[..space]}' is not a day list (mon, mon-fri, mon,wed,fri)";
                errorOffset = offset;
                return false;
            }

            var rangesText = trimmed[(space + 1)..];
            var rangesOffset = offset + space + 1;
            foreach (var rangeText in rangesText.Split(','))
            {
                var range = rangeText.Trim();
                if (!TryParseRange(range, out var from, out var to))
                {
                    error = $"'{range}' is not a time range HH:mm-HH:mm with start before end";
                    errorOffset = rangesOffset;
                    return false;
                }

                result.Add(new ScheduleSlot(days, from, to));
                rangesOffset += rangeText.Length + 1;
            }
        }

        slots = [.. result];
        return true;
    }

    public static ScheduleSlot[] Parse(string text) =>
        TryParse(text, out var slots, out var error, out var offset)
            ? slots
            : throw new FormatException($"Schedule '{text}' at offset {offset}: {error}.");

    private static bool TryParseDays(string text, out byte days)
    {
        days = 0;
        foreach (var part in text.Split(','))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                var day = DayIndex(part);
                if (day < 0)
                {
                    return false;
                }

                days |= (byte)(1 << day);
                continue;
            }

            var first = DayIndex(part[..dash]);
            var last = DayIndex(part[(dash + 1)..]);
            if (first < 0 || last < 0)
            {
                return false;
            }

            // Ranges may wrap over the week end (sat-mon).
            for (var day = first; ; day = (day + 1) % 7)
            {
                days |= (byte)(1 << day);
                if (day == last)
                {
                    break;
                }
            }
        }

        return days != 0;
    }

    private static int DayIndex(string name) =>
        Array.FindIndex(DayNames, d => d.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static bool TryParseRange(string text, out long from, out long to)
    {
        from = to = 0;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && TryParseTime(text[..dash], out from)
            && TryParseTime(text[(dash + 1)..], out to)
            && from < to;
    }

    private static bool TryParseTime(string text, out long ticks)
    {
        ticks = 0;
        var trimmed = text.Trim();
        if (trimmed == "24:00")
        {
            ticks = TimeSpan.TicksPerDay;
            return true;
        }

        if (!TimeOnly.TryParseExact(trimmed, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return false;
        }

        ticks = time.Ticks;
        return true;
    }
}
