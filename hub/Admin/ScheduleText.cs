using System.Text.RegularExpressions;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// Checks a right's weekly schedule text (<c>mon-fri 08:00-12:00,14:00-18:00; sat 09:00-12:00</c>) before it
/// reaches a gateway, which would otherwise skip the right (and refuse the member).
/// </summary>
public static partial class ScheduleText
{
    public static bool IsValid(string text)
    {
        foreach (var group in text.Split(';'))
        {
            var match = GroupPattern().Match(group);
            if (!match.Success)
            {
                return false;
            }

            foreach (Capture range in match.Groups["range"].Captures)
            {
                var from = range.Value[..5];
                var to = range.Value[6..];
                if (!IsTime(from) || !IsTime(to) || string.CompareOrdinal(from, to) >= 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsTime(string hhmm) =>
        hhmm == "24:00" || (TimeOnly.TryParseExact(hhmm, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _));

    [GeneratedRegex(@"^\s*(?:sun|mon|tue|wed|thu|fri|sat)(?:-(?:sun|mon|tue|wed|thu|fri|sat))?(?:,(?:sun|mon|tue|wed|thu|fri|sat)(?:-(?:sun|mon|tue|wed|thu|fri|sat))?)*\s+(?<range>\d\d:\d\d-\d\d:\d\d)(?:\s*,\s*(?<range>\d\d:\d\d-\d\d:\d\d))*\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GroupPattern();
}
