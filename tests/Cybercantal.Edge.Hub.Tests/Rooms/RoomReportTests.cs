using System.Net;
using System.Net.Http.Json;
using System.Text;
using Cybercantal.Edge.Hub.Rooms;
using Cybercantal.Edge.Hub.Sites;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Hub.Tests.Support;
using Cybercantal.Edge.Protocol.Sites;
using Microsoft.Extensions.DependencyInjection;

namespace Cybercantal.Edge.Hub.Tests.Rooms;

/// <summary>
/// The room report on a handcrafted March 2026 at murat (Europe/Paris, summer time from 29 March): booked
/// hours from the bookings, used hours and no-shows from journal records, occupancy against the opening hours
/// of the site's description.
/// </summary>
public sealed class RoomReportTests
{
    // Weekdays 08:00-18:00: 22 weekdays in March 2026 minus the closure on Monday 2 March = 210 h;
    // Sundays 00:00-24:00: 1, 8, 15, 22 (24 h) and 29 March (23 h) = 119 h. Total 329 h.
    private const decimal MarchOpeningHours = 329m;

    [Fact]
    public async Task A_month_of_bookings_use_and_no_shows_gives_the_expected_figures()
    {
        await using var hub = await AdminHub.StartAsync("murat", "allanche");
        Seed(hub);

        var report = await hub.Admin.GetFromJsonAsync<RoomReport>("/api/usage/rooms?site=murat&month=2026-03", AdminHub.Json);

        Assert.NotNull(report);
        Assert.Equal(("murat", "Europe/Paris", MarchOpeningHours, (string?)null), (report.Site, report.TimeZone, report.OpeningHours, report.Missing));
        Assert.Equal(("raw", (DateTimeOffset?)null, (string?)null), (report.UsageSource, report.AggregatesUntil, report.UsageMissing));
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero), report.PeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), report.PeriodEnd);
        Assert.Equal(["salle-reunion", "salle-visio", "salle-fantome"], report.Rooms.Select(r => r.Zone));
        Assert.Equal(1, report.SkippedRecords);

        var reunion = report.Rooms[0];
        Assert.Equal(("Salle de réunion", "meeting-room", true), (reunion.Name, reunion.Kind, reunion.Described));
        Assert.Equal((2, 2.00m, 0.50m, 1, (decimal?)0.5m), (reunion.Bookings, reunion.BookedHours, reunion.UsedHours, reunion.NoShows, reunion.NoShowRate));
        Assert.Equal(Math.Round(0.5m / MarchOpeningHours, 4, MidpointRounding.AwayFromZero), reunion.OccupancyRate);
        Assert.Equal(0.0015m, reunion.OccupancyRate);

        // 2 h + 2 h on the night the clocks go forward (01:00-04:00 local) + 1 h of a booking that began in February.
        var visio = report.Rooms[1];
        Assert.Equal((2, 5.00m, 3.00m, 0, (decimal?)0m), (visio.Bookings, visio.BookedHours, visio.UsedHours, visio.NoShows, visio.NoShowRate));
        Assert.Equal((5 * 3600L, 3 * 3600L), (visio.BookedSeconds, visio.UsedSeconds));
        Assert.Equal(0.0091m, visio.OccupancyRate);

        var ghost = report.Rooms[2];
        Assert.Equal(((string?)null, (string?)null, false, 0, (decimal?)null), (ghost.Name, ghost.Kind, ghost.Described, ghost.Bookings, ghost.NoShowRate));
        Assert.Equal((0.25m, 0.0008m), (ghost.UsedHours, ghost.OccupancyRate));

        // The same days given as a range give the same report.
        var range = await hub.Admin.GetFromJsonAsync<RoomReport>("/api/usage/rooms?site=murat&from=2026-03-01&to=2026-03-31", AdminHub.Json);
        Assert.Equal(report.Rooms, range!.Rooms);
    }

    [Fact]
    public async Task October_counts_the_hour_gained_when_the_clocks_go_back()
    {
        await using var hub = await AdminHub.StartAsync("murat");
        var store = hub.Hub.Services.GetRequiredService<SiteDescriptionStore>();
        store.Save(Description() with { OpeningHours = new Dictionary<string, IReadOnlyList<string>> { ["sunday"] = ["00:00-24:00"] }, Closures = [] }, DateTimeOffset.UtcNow);
        Execute(hub, """
            INSERT INTO members (id, display_name, status) VALUES ('anne', 'Anne', 'active');
            INSERT INTO bookings (member_id, site, zone, start_us, end_us) VALUES
                ('anne', 'murat', 'salle-visio', 1792886400000000, 1792904400000000);
            INSERT INTO journal (site, seq, kind, at_us, mono, door, member, detail, received_us) VALUES
                ('murat', 1, 36, 1792904400000000, 0, 'porte-visio', 'anne', 'zone=salle-visio;booking-start=2026-10-25T00:00:00.000Z;booking-end=2026-10-25T05:00:00.000Z;reason=booking-end;start=2026-10-25T00:00:00.000Z;end=2026-10-25T05:00:00.000Z;seconds=18000', 0);
            """);

        var report = await hub.Admin.GetFromJsonAsync<RoomReport>("/api/usage/rooms?site=murat&from=2026-10-25&to=2026-10-25", AdminHub.Json);

        // Sunday 25 October lasts 25 h; a booking 02:00 CEST to 06:00 CET is 5 h.
        Assert.Equal(25m, report!.OpeningHours);
        var visio = report.Rooms.Single(r => r.Zone == "salle-visio");
        Assert.Equal((5m, 5m, 0.2m), (visio.BookedHours, visio.UsedHours, visio.OccupancyRate));
    }

    [Fact]
    public async Task Without_a_description_the_report_still_lists_rooms_and_says_why_occupancy_is_missing()
    {
        await using var hub = await AdminHub.StartAsync("ydes");
        Execute(hub, """
            INSERT INTO members (id, display_name, status) VALUES ('paul', 'Paul', 'active');
            INSERT INTO bookings (member_id, site, zone, start_us, end_us) VALUES ('paul', 'ydes', 'salle-visio', 1773133200000000, 1773140400000000);
            """);

        var response = await hub.Admin.GetAsync("/api/usage/rooms?site=ydes&month=2026-03");
        var json = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        var report = System.Text.Json.JsonSerializer.Deserialize<RoomReport>(json, AdminHub.Json)!;

        Assert.Null(report.OpeningHours);
        Assert.Equal(RoomReportService.NoDescription, report.Missing);
        var room = Assert.Single(report.Rooms);
        Assert.Equal(("salle-visio", false, 2m, (decimal?)null), (room.Zone, room.Described, room.BookedHours, room.OccupancyRate));
        Assert.Equal(RoomReportService.NoDescription, room.OccupancyMissing);
        Assert.Contains("\"occupancyRate\":null", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Managers_see_only_their_centres_and_bad_periods_are_refused_with_the_field()
    {
        await using var hub = await AdminHub.StartAsync("murat", "allanche");
        Seed(hub);
        using var manager = hub.Manager("murat");

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/usage/rooms?site=murat&month=2026-03")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/usage/rooms?site=allanche&month=2026-03")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/usage/rooms/csv?site=allanche&month=2026-03")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client(null).GetAsync("/api/usage/rooms?site=murat&month=2026-03")).StatusCode);

        foreach (var (query, field) in new[]
        {
            ("site=murat&month=2026-13", "month"),
            ("site=murat&month=2026-03&from=2026-03-01&to=2026-03-31", "month"),
            ("site=murat&from=2026-03-01", "to"),
            ("site=murat&from=2026-03-31&to=2026-03-01", "to"),
            ("site=murat&from=2025-01-01&to=2026-03-01", "to"),
            ("site=Not_A_Site&month=2026-03", "site"),
        })
        {
            var refused = await hub.Admin.GetAsync("/api/usage/rooms?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"\"{field}\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_csv_is_french_with_a_bom_and_the_same_figures()
    {
        await using var hub = await AdminHub.StartAsync("murat", "allanche");
        Seed(hub);

        var bytes = await hub.Admin.GetByteArrayAsync("/api/usage/rooms/csv?site=murat&month=2026-03");

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(RoomReportCsv.Header, lines[0]);
        Assert.Equal("murat;salle-reunion;Salle de réunion;Salle de réunion;01/03/2026;31/03/2026;2;2,00;0,50;1;0,5000;329,00;0,0015;;journal", lines[1]);
        Assert.Equal("murat;salle-fantome;;Hors description;01/03/2026;31/03/2026;0;0,00;0,25;0;;329,00;0,0008;;journal", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    private static SiteDescription Description() => new()
    {
        Site = "murat",
        Name = "Cybercantal Murat",
        TimeZone = "Europe/Paris",
        OpeningHours = new Dictionary<string, IReadOnlyList<string>>
        {
            ["monday"] = ["08:00-12:00", "12:00-18:00"],
            ["tuesday"] = ["08:00-18:00"],
            ["wednesday"] = ["08:00-18:00"],
            ["thursday"] = ["08:00-18:00"],
            ["friday"] = ["08:00-18:00"],
            ["sunday"] = ["00:00-24:00"],
        },
        Closures = [new DateOnly(2026, 3, 2)],
        Zones =
        [
            new SiteDescriptionZone("bureau-1", "Bureau 1", "private-office", 4),
            new SiteDescriptionZone("salle-reunion", "Salle de réunion", "meeting-room", 8),
            new SiteDescriptionZone("salle-visio", "Salle de visioconférence", "visio-room", 6),
        ],
        At = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static void Seed(AdminHub hub)
    {
        hub.Hub.Services.GetRequiredService<SiteDescriptionStore>().Save(Description(), DateTimeOffset.UtcNow);

        // Instants in microseconds since 1970 (UTC):
        // 1772316000 = 2026-02-28T22:00Z, 1772323200 = 2026-03-01T00:00Z, 1773129600 = 2026-03-10T08:00Z,
        // 1773136800 = 2026-03-10T10:00Z, 1774742400 = 2026-03-29T00:00Z, 1774749600 = 2026-03-29T02:00Z,
        // 1774011600 = 2026-03-20T13:00Z, 1774015200 = 2026-03-20T14:00Z, 1774990800 = 2026-03-31T21:00Z,
        // 1774998000 = 2026-03-31T23:00Z.
        Execute(hub, """
            INSERT INTO members (id, display_name, status) VALUES ('anne', 'Anne', 'active'), ('paul', 'Paul', 'active');
            INSERT INTO bookings (member_id, site, zone, start_us, end_us) VALUES
                ('anne', 'murat', 'salle-visio', 1773129600000000, 1773136800000000),
                ('anne', 'murat', 'salle-visio', 1774742400000000, 1774749600000000),
                ('paul', 'murat', 'salle-visio', 1772316000000000, 1772323200000000),
                ('paul', 'murat', 'salle-reunion', 1774990800000000, 1774998000000000),
                ('anne', 'murat', 'salle-reunion', 1774011600000000, 1774015200000000),
                ('paul', 'allanche', 'salle-visio', 1773129600000000, 1773136800000000);
            INSERT INTO journal (site, seq, kind, at_us, mono, door, member, detail, received_us) VALUES
                ('murat', 1, 36, 1773135300000000, 0, 'porte-visio', 'anne', 'zone=salle-visio;booking-start=2026-03-10T08:00:00.000Z;booking-end=2026-03-10T10:00:00.000Z;reason=badge-out;start=2026-03-10T08:05:00.000Z;end=2026-03-10T09:35:00.000Z;seconds=5400', 0),
                ('murat', 2, 36, 1774748400000000, 0, 'porte-visio', 'anne', 'zone=salle-visio;booking-start=2026-03-29T00:00:00.000Z;booking-end=2026-03-29T02:00:00.000Z;reason=badge-out;start=2026-03-29T00:10:00.000Z;end=2026-03-29T01:40:00.000Z;seconds=5400', 0),
                ('murat', 3, 37, 1774012200000000, 0, NULL, 'anne', 'zone=salle-reunion;booking-start=2026-03-20T13:00:00.000Z;booking-end=2026-03-20T14:00:00.000Z;released=2026-03-20T13:10:00.000Z', 0),
                ('murat', 4, 36, 1774996200000000, 0, 'porte-reunion', 'paul', 'zone=salle-reunion;booking-start=2026-03-31T21:00:00.000Z;booking-end=2026-03-31T23:00:00.000Z;reason=badge-out;start=2026-03-31T21:30:00.000Z;end=2026-03-31T22:30:00.000Z;seconds=3600', 0),
                ('murat', 5, 36, 1772705700000000, 0, 'porte-fantome', 'paul', 'zone=salle-fantome;reason=badge-out;start=2026-03-05T10:00:00.000Z;end=2026-03-05T10:15:00.000Z;seconds=900', 0),
                ('murat', 6, 36, 1772705700000000, 0, 'porte-visio', 'paul', 'zone=salle-visio;seconds=many', 0),
                ('murat', 7, 36, 1771149600000000, 0, 'porte-visio', 'paul', 'zone=salle-visio;start=2026-02-15T09:00:00.000Z;end=2026-02-15T10:00:00.000Z;seconds=3600', 0),
                ('allanche', 1, 36, 1773135300000000, 0, 'porte-visio', 'paul', 'zone=salle-visio;start=2026-03-10T08:05:00.000Z;end=2026-03-10T09:35:00.000Z;seconds=5400', 0);
            """);
    }

    private static void Execute(AdminHub hub, string sql)
    {
        var database = hub.Hub.Services.GetRequiredService<HubDatabase>();
        using var connection = database.OpenConnection();
        HubDatabase.Execute(connection, sql);
    }
}
