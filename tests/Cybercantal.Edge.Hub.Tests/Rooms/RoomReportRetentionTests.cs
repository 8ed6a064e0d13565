using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cybercantal.Edge.Hub.Billing;
using Cybercantal.Edge.Hub.Rooms;
using Cybercantal.Edge.Hub.Sites;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Hub.Tests.Billing;
using Cybercantal.Edge.Protocol.Sites;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Hub.Tests.Rooms;

/// <summary>
/// The room report once the retention run deleted the raw records: used time and no-shows come from billing's
/// daily aggregates (same figures, to the minute), a period across the deletion boundary mixes both without
/// counting anything twice, and a deleted month billing never aggregated is reported unknown, never zero.
/// Real store, real month close and <see cref="Hub.Retention.RetentionRun"/> on a fake clock (3 months kept).
/// </summary>
public sealed class RoomReportRetentionTests
{
    private const string Site = "murat";

    // 2026-05-10T03:00Z minus 3 months: raw rows before 2026-02-10T03:00Z are deleted; Paris 11 February starts at 2026-02-10T23:00Z.
    private static readonly DateTimeOffset RetentionRunAt = new(2026, 5, 10, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FirstRawMidnight = new(2026, 2, 10, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_month_older_than_the_retention_gives_the_same_use_and_no_shows_after_the_run()
    {
        using var world = World(new DateTimeOffset(2026, 2, 2, 8, 0, 0, TimeSpan.Zero));
        world.Room(Site, "anne", At(2026, 1, 5, 10, 0), "salle-visio", 90);
        world.Room(Site, "paul", At(2026, 1, 14, 23, 30), "salle-visio", 60); // 23:30-00:30 Paris: across a day, inside the month
        world.Room(Site, "anne", At(2026, 1, 20, 15, 0), "salle-reunion", 45);
        world.NoShow(Site, "paul", At(2026, 1, 22, 9, 10), "salle-reunion");
        world.NoShow(Site, "anne", At(2026, 1, 27, 13, 10), "salle-visio");
        world.Room("allanche", "anne", At(2026, 1, 5, 10, 0), "salle-visio", 600);
        Bookings(world, ("paul", "salle-reunion", At(2026, 1, 22, 9, 0), 60), ("anne", "salle-visio", At(2026, 1, 27, 13, 0), 60), ("anne", "salle-visio", At(2026, 1, 5, 8, 30), 120));
        var reports = Reports(world);
        var before = reports.Build(Site, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31));

        world.Close(2026, 1);
        world.Time.SetUtcNow(RetentionRunAt);
        world.Retention.Run();
        Assert.Equal(0, world.JournalRows());
        var after = reports.Build(Site, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31));

        Assert.Equal((RoomUsageSources.Raw, (DateTimeOffset?)null), (before.UsageSource, before.AggregatesUntil));
        Assert.Equal((RoomUsageSources.Aggregates, (DateTimeOffset?)after.PeriodEnd, (string?)null), (after.UsageSource, after.AggregatesUntil, after.UsageMissing));
        var visio = after.Rooms.Single(r => r.Zone == "salle-visio");
        var reunion = after.Rooms.Single(r => r.Zone == "salle-reunion");
        Assert.Equal((150 * 60L, 2.5m, 1, 0.5m), (visio.UsedSeconds, visio.UsedHours, visio.NoShows, visio.NoShowRate));
        Assert.Equal((45 * 60L, 0.75m, 1), (reunion.UsedSeconds, reunion.UsedHours, reunion.NoShows));
        Assert.Equal(before.Rooms, after.Rooms);
        Assert.EndsWith(";agrégats de facturation", Csv(after)[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_across_the_deletion_boundary_mixes_aggregates_and_raw_records_without_counting_twice()
    {
        using var world = World(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        world.Room(Site, "anne", At(2026, 2, 5, 10, 0), "salle-visio", 60);    // deleted, aggregated
        world.Room(Site, "anne", At(2026, 2, 10, 1, 0), "salle-visio", 30);    // deleted, aggregated
        world.Room(Site, "paul", At(2026, 2, 10, 20, 0), "salle-visio", 30);   // kept raw, but on an aggregated Paris day
        // Recovered after an agent restart: journaled on 11 February, billed on 10 February (its end): aggregated, kept raw.
        world.Usage(Site, "paul", UsageRecordKinds.RoomUseEnded, At(2026, 2, 11, 8, 0),
            "zone=salle-visio;reason=agent-restart-recovered;start=2026-02-10T20:00:00.000Z;end=2026-02-10T21:00:00.000Z;seconds=3600", "salle-visio-door");
        world.Room(Site, "anne", At(2026, 2, 10, 23, 30), "salle-visio", 60);  // across the split: raw, counted whole
        world.Room(Site, "paul", At(2026, 2, 20, 16, 0), "salle-visio", 45);   // raw
        world.NoShow(Site, "anne", At(2026, 2, 3, 9, 10), "salle-reunion");    // deleted, aggregated
        world.NoShow(Site, "paul", At(2026, 2, 15, 9, 10), "salle-reunion");   // raw
        var reports = Reports(world);
        var before = reports.Build(Site, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28));

        world.Time.SetUtcNow(RetentionRunAt);
        var run = world.Retention.Run();
        Assert.Equal(["2026-02"], run.MonthsClosed);
        Assert.Equal(5, world.JournalRows());
        var after = reports.Build(Site, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28));

        Assert.Equal((RoomUsageSources.Mixed, (DateTimeOffset?)FirstRawMidnight, (string?)null), (after.UsageSource, after.AggregatesUntil, after.UsageMissing));
        var visio = after.Rooms.Single(r => r.Zone == "salle-visio");
        Assert.Equal(((60 + 30 + 30 + 60 + 60 + 45) * 60L, 4.75m), (visio.UsedSeconds, visio.UsedHours));
        Assert.Equal(2, after.Rooms.Single(r => r.Zone == "salle-reunion").NoShows);
        Assert.Equal(before.Rooms, after.Rooms);

        // Only the raw part: raw records clipped to the period (the use across the split counts its 30 minutes after it).
        var rawOnly = reports.Build(Site, new DateOnly(2026, 2, 11), new DateOnly(2026, 2, 28));
        Assert.Equal((RoomUsageSources.Raw, (30 + 45) * 60L), (rawOnly.UsageSource, rawOnly.Rooms.Single(r => r.Zone == "salle-visio").UsedSeconds));
    }

    [Fact]
    public void A_deleted_month_billing_never_aggregated_gives_unknown_use_with_the_reason_not_zero()
    {
        using var world = World(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        // The journal starts in February: the retention run aggregates February only; December 2025 had bookings, no records.
        world.Room(Site, "anne", At(2026, 2, 5, 10, 0), "salle-visio", 60);
        Bookings(world, ("anne", "salle-visio", At(2025, 12, 9, 9, 0), 120));
        world.Time.SetUtcNow(RetentionRunAt);
        Assert.Equal(["2026-02"], world.Retention.Run().MonthsClosed);
        var reports = Reports(world);

        var december = reports.Build(Site, new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 31));

        Assert.Equal(RoomUsageSources.Aggregates, december.UsageSource);
        Assert.NotNull(december.UsageMissing);
        Assert.Contains("2025-12", december.UsageMissing, StringComparison.Ordinal);
        Assert.Contains("2026-02-10T03:00:00Z", december.UsageMissing, StringComparison.Ordinal);
        var visio = december.Rooms.Single(r => r.Zone == "salle-visio");
        Assert.Equal((1, 2m), (visio.Bookings, visio.BookedHours));
        Assert.Equal(((decimal?)null, (int?)null, (long?)null, (decimal?)null, (decimal?)null),
            (visio.UsedHours, visio.NoShows, visio.UsedSeconds, visio.NoShowRate, visio.OccupancyRate));
        Assert.Equal(december.UsageMissing, visio.OccupancyMissing);

        // As the API writes it (nulls otherwise omitted): the unknown figures are there, as null.
        var json = JsonSerializer.Serialize(december, new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull });
        Assert.Contains("\"usedHours\":null", json, StringComparison.Ordinal);
        Assert.Contains("\"noShows\":null", json, StringComparison.Ordinal);
        Assert.Contains("\"usageSource\":\"aggregates\"", json, StringComparison.Ordinal);
        Assert.Contains(";Utilisation inconnue", Csv(december)[2], StringComparison.Ordinal);

        // A period over the missing months and the aggregated one names every missing month.
        var winter = reports.Build(Site, new DateOnly(2025, 12, 15), new DateOnly(2026, 2, 28));
        Assert.Equal(RoomUsageSources.Mixed, winter.UsageSource);
        Assert.Contains("2025-12, 2026-01", winter.UsageMissing, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-02", winter.UsageMissing!.Split(':')[^1], StringComparison.Ordinal);
    }

    private static BillingWorld World(DateTimeOffset now)
    {
        var world = new BillingWorld(now);
        world.Member("anne", "Anne");
        world.Member("paul", "Paul");
        return world;
    }

    private static RoomReportService Reports(BillingWorld world)
    {
        var descriptions = new SiteDescriptionStore(world.Database);
        descriptions.Save(new SiteDescription
        {
            Site = Site,
            Name = "Cybercantal Murat",
            TimeZone = "Europe/Paris",
            OpeningHours = new Dictionary<string, IReadOnlyList<string>>
            {
                ["monday"] = ["08:00-18:00"],
                ["tuesday"] = ["08:00-18:00"],
                ["wednesday"] = ["08:00-18:00"],
                ["thursday"] = ["08:00-18:00"],
                ["friday"] = ["08:00-18:00"],
            },
            Zones =
            [
                new SiteDescriptionZone("salle-reunion", "Salle de réunion", "meeting-room", 8),
                new SiteDescriptionZone("salle-visio", "Salle de visioconférence", "visio-room", 6),
            ],
            At = new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero),
        }, world.Time.GetUtcNow());
        return new RoomReportService(world.Database, descriptions, NullLogger<RoomReportService>.Instance);
    }

    private static void Bookings(BillingWorld world, params (string Member, string Zone, DateTimeOffset Start, int Minutes)[] bookings)
    {
        using var connection = world.Database.OpenConnection();
        foreach (var (member, zone, start, minutes) in bookings)
        {
            HubDatabase.Execute(connection, FormattableString.Invariant(
                $"INSERT INTO bookings (member_id, site, zone, start_us, end_us) VALUES ('{member}', '{Site}', '{zone}', {start.ToUnixTimeMilliseconds() * 1000}, {start.AddMinutes(minutes).ToUnixTimeMilliseconds() * 1000})"));
        }
    }

    private static string[] Csv(RoomReport report) => Encoding.UTF8.GetString(RoomReportCsv.Bytes(report)[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
