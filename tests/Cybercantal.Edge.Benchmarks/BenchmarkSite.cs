using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>A Saint-Flour-like site for benchmarks: Europe/Paris, Monday-Saturday 08:00-19:00.</summary>
internal static class BenchmarkSite
{
    /// <summary>Tuesday 1 December 2026, 10:00 in Saint-Flour: open, not a closure day.</summary>
    public static readonly DateTimeOffset TuesdayMorning = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1));

    public static SiteConfiguration Create()
    {
        var hours = new WeeklySchedule(Enumerable.Range(1, 6).ToDictionary(
            d => (DayOfWeek)d,
            _ => (IReadOnlyList<TimeRange>)[new TimeRange(new TimeOnly(8, 0), new TimeOnly(19, 0))]));
        (string Id, ZoneKind Kind)[] zones =
        [
            ("accueil", ZoneKind.Entrance), ("open-space", ZoneKind.OpenSpace), ("reprographie", ZoneKind.CopierCorner),
            ("bureau-1", ZoneKind.PrivateOffice), ("bureau-2", ZoneKind.PrivateOffice),
            ("salle-reunion", ZoneKind.MeetingRoom), ("salle-visio", ZoneKind.VisioRoom),
        ];
        return new SiteConfiguration
        {
            Id = "saint-flour",
            Name = "Cybercantal Saint-Flour",
            Commune = "Saint-Flour",
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"),
            OpeningHours = hours,
            Closures = [new ClosureDay(new DateOnly(2026, 12, 25), "Noël")],
            Zones = [.. zones.Select(z => new ZoneConfiguration { Id = z.Id, Name = z.Id, Kind = z.Kind })],
            Doors = [.. zones.Select(z => new DoorConfiguration
            {
                Id = "porte-" + z.Id,
                Name = "Porte " + z.Id,
                FromZone = "dehors",
                ToZone = z.Id,
                Strike = new StrikeConfiguration { Pin = 17, UnlockTime = TimeSpan.FromSeconds(5) },
                AcceptedCredentials = [CredentialKind.Nfc],
            })],
        };
    }

    public static DoorConfiguration Door(this SiteConfiguration site, string zone) => site.Doors.Single(d => d.ToZone == zone);
}
