using System.Globalization;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Protocol.Sites;

namespace Cybercantal.Edge.Agent.Sync;

/// <summary>
/// Builds the <see cref="SiteDescription"/> the agent publishes to the hub from the loaded site file: the
/// hub has no copy of the site file, and reports (room occupancy) need its time zone, opening hours,
/// closures, zones and resources. Words are the site file's own (<c>meeting-room</c>, <c>08:30-18:30</c>).
/// </summary>
public static class SiteDescriptionBuilder
{
    public static SiteDescription Build(SiteConfiguration site, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(site);
        var hours = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var day = DayOfWeek.Sunday; day <= DayOfWeek.Saturday; day++)
        {
            var ranges = site.OpeningHours.For(day);
            if (ranges.Count > 0)
            {
                hours[SiteDescriptionValidation.DayNames[(int)day]] = [.. ranges.Select(Range)];
            }
        }

        var resources = site.Pcs.Select(p => new SiteDescriptionResource(p.Id, "pc", p.Zone))
            .Concat(site.Copiers.Select(c => new SiteDescriptionResource(c.Id, "copier", c.Zone)))
            .Concat(site.Visio.Select(v => new SiteDescriptionResource(v.Id, "visio", v.Zone)));
        return new SiteDescription
        {
            Site = site.Id,
            Name = site.Name,
            TimeZone = site.TimeZone.Id,
            OpeningHours = hours,
            Closures = [.. site.Closures.Select(c => c.Date).Distinct().Order()],
            Zones = [.. site.Zones.Select(z => new SiteDescriptionZone(z.Id, z.Name, KindWord(z.Kind), z.Seats))],
            Resources = [.. resources],
            At = at,
        };
    }

    /// <summary>The site file's word for a zone kind (<c>visio-room</c>).</summary>
    public static string KindWord(ZoneKind kind) =>
        SiteFileChoices.ZoneKinds.FirstOrDefault(pair => pair.Value == kind).Key ?? kind.ToString();

    private static string Range(TimeRange range) =>
        range.From.ToString("HH:mm", CultureInfo.InvariantCulture) + "-"
        + (range.To == TimeOnly.MaxValue ? "24:00" : range.To.ToString("HH:mm", CultureInfo.InvariantCulture));
}
