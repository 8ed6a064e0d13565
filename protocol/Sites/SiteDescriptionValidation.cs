using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;

namespace Cybercantal.Edge.Protocol.Sites;

/// <summary>
/// Parses and checks a site description as the hub receives it. Every refusal is a sentence naming the
/// problem and where it is (zone index, day), fit for a log line.
/// </summary>
public static class SiteDescriptionValidation
{
    /// <summary>Longest id (zone, resource) and kind word.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Most opening ranges on one day.</summary>
    public const int MaxRangesPerDay = 16;

    private static readonly PayloadRules<SiteDescription> Rules = new("description", ProtocolLimits.MaxDescriptionBytes, ProtocolJsonContext.Default.SiteDescription, Validate);

    /// <summary>Day keys of <see cref="SiteDescription.OpeningHours"/>, indexed by <see cref="DayOfWeek"/>.</summary>
    public static IReadOnlyList<string> DayNames { get; } = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    public static bool TryRead(
        ReadOnlySpan<byte> payload,
        string topicSite,
        [NotNullWhen(true)] out SiteDescription? description,
        [NotNullWhen(false)] out string? error) =>
        ProtocolPayload.TryRead(payload, Rules, topicSite, out description, out error);

    /// <summary>Checks a parsed description; null when acceptable, else why not.</summary>
    public static string? Validate(SiteDescription description, string topicSite)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (description.Schema != ProtocolLimits.DescriptionSchema)
        {
            return string.Create(CultureInfo.InvariantCulture, $"unknown schema version {description.Schema} (this hub reads schema {ProtocolLimits.DescriptionSchema})");
        }

        if (!string.Equals(description.Site, topicSite, StringComparison.Ordinal))
        {
            return $"site '{description.Site}' in the payload differs from site '{topicSite}' in the topic";
        }

        if (!IsText(description.Name, ProtocolLimits.MaxFieldLength))
        {
            return "'name' is missing or longer than 256 characters";
        }

        if (!IsId(description.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(description.TimeZone, out _))
        {
            return $"time zone '{description.TimeZone}' is unknown";
        }

        return CheckOpeningHours(description.OpeningHours)
            ?? CheckCount("closures", description.Closures?.Count)
            ?? CheckZones(description.Zones)
            ?? CheckResources(description.Resources, description.Zones);
    }

    /// <summary>Parses <c>HH:mm-HH:mm</c> (end may be <c>24:00</c>) into minutes of the day, from &lt; to.</summary>
    public static bool TryParseRange(string? text, out int fromMinute, out int toMinute)
    {
        fromMinute = 0;
        toMinute = 0;
        if (text is not { Length: 11 } || text[5] != '-')
        {
            return false;
        }

        return TryMinute(text.AsSpan(0, 5), out fromMinute) && fromMinute < 24 * 60
            && TryMinute(text.AsSpan(6, 5), out toMinute) && toMinute > fromMinute;
    }

    private static bool TryMinute(ReadOnlySpan<char> text, out int minute)
    {
        minute = 0;
        if (text[2] != ':'
            || !int.TryParse(text[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
        {
            return false;
        }

        minute = (hours * 60) + minutes;
        return true;
    }

    private static string? CheckOpeningHours(IReadOnlyDictionary<string, IReadOnlyList<string>>? hours)
    {
        if (hours is null)
        {
            return "'openingHours' is missing";
        }

        foreach (var (day, ranges) in hours)
        {
            if (!DayNames.Contains(day))
            {
                return $"openingHours: '{day}' is not a day (monday .. sunday)";
            }

            if (ranges is null || ranges.Count > MaxRangesPerDay)
            {
                return $"openingHours.{day}: missing or more than {MaxRangesPerDay} ranges";
            }

            foreach (var range in ranges)
            {
                if (!TryParseRange(range, out _, out _))
                {
                    return $"openingHours.{day}: '{range}' is not a range HH:mm-HH:mm with start before end";
                }
            }
        }

        return null;
    }

    private static string? CheckZones(IReadOnlyList<SiteDescriptionZone>? zones)
    {
        if (zones is null)
        {
            return "'zones' is missing";
        }

        if (CheckCount("zones", zones.Count) is { } tooMany)
        {
            return tooMany;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < zones.Count; i++)
        {
            var zone = zones[i];
            if (zone is null || !IsId(zone.Id) || !IsText(zone.Name, ProtocolLimits.MaxFieldLength) || !IsId(zone.Kind) || zone.Seats is < 0 or > 10_000)
            {
                return string.Create(CultureInfo.InvariantCulture, $"zones[{i}]: needs an id and a kind (1-{MaxIdLength} characters), a name, seats 0-10000");
            }

            if (!seen.Add(zone.Id))
            {
                return string.Create(CultureInfo.InvariantCulture, $"zones[{i}]: zone '{zone.Id}' is listed twice");
            }
        }

        return null;
    }

    private static string? CheckResources(IReadOnlyList<SiteDescriptionResource>? resources, IReadOnlyList<SiteDescriptionZone> zones)
    {
        if (resources is null)
        {
            return null;
        }

        if (CheckCount("resources", resources.Count) is { } tooMany)
        {
            return tooMany;
        }

        for (var i = 0; i < resources.Count; i++)
        {
            var resource = resources[i];
            if (resource is null || !IsId(resource.Id) || !IsId(resource.Kind) || !IsId(resource.Zone))
            {
                return string.Create(CultureInfo.InvariantCulture, $"resources[{i}]: needs an id, a kind and a zone (1-{MaxIdLength} characters each)");
            }

            if (!zones.Any(z => string.Equals(z.Id, resource.Zone, StringComparison.Ordinal)))
            {
                return string.Create(CultureInfo.InvariantCulture, $"resources[{i}]: zone '{resource.Zone}' of '{resource.Id}' is not among the zones");
            }
        }

        return null;
    }

    private static string? CheckCount(string what, int? count) =>
        count > ProtocolLimits.MaxDescriptionItems
            ? string.Create(CultureInfo.InvariantCulture, $"'{what}' has {count} items, the limit is {ProtocolLimits.MaxDescriptionItems}")
            : null;

    private static bool IsId(string? id) => !string.IsNullOrWhiteSpace(id) && id.Length <= MaxIdLength && !id.Any(char.IsControl);

    private static bool IsText(string? text, int max) => !string.IsNullOrWhiteSpace(text) && text.Length <= max && !text.Any(char.IsControl);
}
