using System.Globalization;
using System.Text.RegularExpressions;

namespace Cybercantal.Edge.Agent.Sites;

/// <summary>
/// Shared state while binding one site file, and the typed readers for scalar values. Every reader
/// reports what is wrong and returns null, so binding always goes on to the next value.
/// </summary>
internal sealed partial class SiteBindingContext(SiteDiagnosticBag diagnostics, bool truncated)
{
    public SiteDiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>True when a syntax error cut the file short: checks that need the whole file are skipped.</summary>
    public bool Truncated { get; } = truncated;

    public int GpioLineCount { get; set; } = SiteFileLoader.DefaultGpioLineCount;

    public List<SitePinUse> PinUses { get; } = [];

    /// <summary>Reports a missing piece, except in a file cut short where it is most likely just unread.</summary>
    public void ReportMissing(SiteYamlNode node, string message)
    {
        if (!Truncated)
        {
            Diagnostics.Add(node, message);
        }
    }

    public string? Text(SiteYamlNode? node, string what)
    {
        switch (node)
        {
            case null:
                return null;
            case SiteYamlScalar { IsNull: true }:
                Diagnostics.Add(node, $"{what} has no value");
                return null;
            case SiteYamlScalar scalar:
                return scalar.Value;
            default:
                Diagnostics.Add(node, $"{what} must be a single value, found {node.Describe()}");
                return null;
        }
    }

    /// <summary>A kebab-case ASCII identifier ("bureau-1"), the form other files and the hub refer to.</summary>
    public string? Id(SiteYamlNode? node, string what)
    {
        var text = Text(node, what);
        if (text is not null && !IdPattern().IsMatch(text))
        {
            Diagnostics.Add(node!, $"{what} '{text}' must be kebab-case ASCII: lowercase letters, digits and single dashes (e.g. 'bureau-1')");
        }

        return text;
    }

    public int? Integer(SiteYamlNode? node, string what, int min, int max)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Diagnostics.Add(node!, $"{what} must be a whole number, found '{text}'");
            return null;
        }

        if (value < min || value > max)
        {
            Diagnostics.Add(node!, $"{what} {value} is out of range {min}..{max}");
            return null;
        }

        return value;
    }

    public bool? Boolean(SiteYamlNode? node, string what)
    {
        var text = Text(node, what);
        switch (text)
        {
            case null:
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                Diagnostics.Add(node!, $"{what} must be true or false, found '{text}'");
                return null;
        }
    }

    /// <summary>A GPIO line number, checked against the chip and recorded to find lines used twice.</summary>
    public int? Pin(SiteYamlNode? node, string use)
    {
        var pin = Integer(node, $"GPIO pin of {use}", 0, GpioLineCount - 1);
        if (pin is int value)
        {
            PinUses.Add(new SitePinUse(value, use, node!));
        }

        return pin;
    }

    /// <summary>A duration with its unit: 500ms, 5s, 2min, 1h. A bare number is refused: seconds or milliseconds?</summary>
    public TimeSpan? Duration(SiteYamlNode? node, string what, TimeSpan min, TimeSpan max)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            Diagnostics.Add(node!, $"{what} must be a duration with a unit (e.g. 500ms, 5s, 2min, 1h), found '{text}'");
            return null;
        }

        var value = match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "min" => TimeSpan.FromMinutes(amount),
            _ => TimeSpan.FromHours(amount),
        };
        if (value < min || value > max)
        {
            Diagnostics.Add(node!, $"{what} {text} is out of range {FormatDuration(min)}..{FormatDuration(max)}");
            return null;
        }

        return value;
    }

    /// <summary>One of a fixed set of words, with a did-you-mean when misspelt.</summary>
    public T? Choice<T>(SiteYamlNode? node, string what, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        Diagnostics.Add(node!, $"{what} '{text}' is not valid{Suggestions.Hint(text, [.. choices.Keys])}");
        return null;
    }

    public DateOnly? Date(SiteYamlNode? node, string what)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Diagnostics.Add(node!, $"{what} must be a date written YYYY-MM-DD, found '{text}'");
        return null;
    }

    /// <summary>"08:00-12:30"; "24:00" is accepted as the end of the day.</summary>
    public TimeRange? Range(SiteYamlNode? node, string what)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        var match = RangePattern().Match(text.Trim());
        if (!match.Success)
        {
            Diagnostics.Add(node!, $"{what} must be a time range written HH:MM-HH:MM (e.g. 08:00-19:00), found '{text}'");
            return null;
        }

        var from = ParseTime(match.Groups[1].Value, allowEndOfDay: false);
        var to = ParseTime(match.Groups[2].Value, allowEndOfDay: true);
        if (from is null || to is null)
        {
            Diagnostics.Add(node!, $"{what} '{text}' is not a valid time of day (00:00 to 24:00)");
            return null;
        }

        if (from.Value >= to.Value)
        {
            Diagnostics.Add(node!, $"{what} '{text}' ends before it starts");
            return null;
        }

        return new TimeRange(from.Value, to.Value);
    }

    /// <summary>A list of values: a YAML list, or a single value standing for a list of one.</summary>
    public IReadOnlyList<SiteYamlNode> Items(SiteYamlNode? node, string what, bool allowSingle)
    {
        switch (node)
        {
            case null:
                return [];
            case SiteYamlSequence sequence:
                return sequence.Items;
            case SiteYamlScalar when allowSingle:
                return [node];
            default:
                Diagnostics.Add(node, $"{what} must be a list, found {node.Describe()}");
                return [];
        }
    }

    private static TimeOnly? ParseTime(string text, bool allowEndOfDay)
    {
        if (allowEndOfDay && text == "24:00")
        {
            return TimeOnly.MaxValue;
        }

        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
    }

    private static string FormatDuration(TimeSpan value) =>
        value.TotalMilliseconds < 1000 ? $"{value.TotalMilliseconds:0}ms"
        : value.TotalSeconds < 60 ? $"{value.TotalSeconds:0}s"
        : value.TotalMinutes < 60 ? $"{value.TotalMinutes:0}min"
        : $"{value.TotalHours:0}h";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^([0-9]+)(ms|s|min|h)$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex("^([0-9]{2}:[0-9]{2})\\s*-\\s*([0-9]{2}:[0-9]{2})$")]
    private static partial Regex RangePattern();
}
