using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Tests.Support;

/// <summary>
/// A Saint-Flour-like site built straight from the model types (no YAML): Europe/Paris, one door per
/// zone named after it, Monday-Saturday 08:00-19:00 unless told otherwise, closed on Christmas 2026.
/// </summary>
internal static class AccessTestSite
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static readonly DateOnly Christmas = new(2026, 12, 25);

    public static SiteConfiguration Create(WeeklySchedule? openingHours = null)
    {
        ZoneConfiguration[] zones =
        [
            Zone("dehors", ZoneKind.Outside),
            Zone("accueil", ZoneKind.Entrance),
            Zone("open-space", ZoneKind.OpenSpace),
            Zone("reprographie", ZoneKind.CopierCorner),
            Zone("atelier", ZoneKind.TrainingRoom),
            Zone("bureau-1", ZoneKind.PrivateOffice),
            Zone("bureau-2", ZoneKind.PrivateOffice),
            Zone("salle-reunion", ZoneKind.MeetingRoom),
            Zone("salle-visio", ZoneKind.VisioRoom),
            Zone("local-technique", ZoneKind.StaffOnly),
        ];
        var doors = zones.Select(z => Door(z.Id, z.Id == "accueil" ? [CredentialKind.Nfc, CredentialKind.Wiegand26] : [CredentialKind.Nfc]))
            .Append(Door("nulle-part", [CredentialKind.Nfc]))
            .ToList();

        return new SiteConfiguration
        {
            Id = "saint-flour",
            Name = "Cybercantal Saint-Flour",
            Commune = "Saint-Flour",
            TimeZone = Paris,
            OpeningHours = openingHours ?? Days(DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday),
            Closures = [new ClosureDay(Christmas, "Noël")],
            Zones = zones,
            Doors = doors,
        };
    }

    /// <summary>08:00-19:00 on the given days.</summary>
    public static WeeklySchedule Days(params DayOfWeek[] days) => new(days.ToDictionary(
        d => d,
        _ => (IReadOnlyList<TimeRange>)[new TimeRange(new TimeOnly(8, 0), new TimeOnly(19, 0))]));

    public static DoorConfiguration DoorTo(this SiteConfiguration site, string zone) => site.Doors.Single(d => d.Id == "porte-" + zone);

    /// <summary>A Saint-Flour wall-clock time as an instant.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute, int second = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    private static ZoneConfiguration Zone(string id, ZoneKind kind) => new() { Id = id, Name = id, Kind = kind };

    private static DoorConfiguration Door(string zone, IReadOnlyList<CredentialKind> accepted) => new()
    {
        Id = "porte-" + zone,
        Name = "Porte " + zone,
        FromZone = "dehors",
        ToZone = zone,
        Strike = new StrikeConfiguration { Pin = 17, UnlockTime = TimeSpan.FromSeconds(5) },
        AcceptedCredentials = accepted,
    };
}
