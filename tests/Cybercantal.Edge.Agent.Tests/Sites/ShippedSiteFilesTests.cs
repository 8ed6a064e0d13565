using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Tests.Sites;

public sealed class ShippedSiteFilesTests
{
    internal static readonly string[] Ids = ["saint-flour", "murat", "chaudes-aigues", "montmurat", "allanche", "ydes", "aurillac"];

    public static TheoryData<string> SiteIds => new(Ids);

    internal static string SitePath(string id) => Path.Combine(AppContext.BaseDirectory, "firmware-config", "sites", id + ".yaml");

    [Theory]
    [MemberData(nameof(SiteIds))]
    public void Shipped_site_file_is_valid(string id)
    {
        var result = SiteFileLoader.Load(SitePath(id));

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(id, result.Configuration!.Id);
        Assert.Equal("Europe/Paris", result.Configuration.TimeZone.Id);
        Assert.Equal(SiteFileLoader.CurrentSchemaVersion, result.Configuration.SchemaVersion);
        Assert.Equal(Path.GetFullPath(SitePath(id)), result.Configuration.SourcePath);
    }

    [Theory]
    [MemberData(nameof(SiteIds))]
    public void Shipped_site_file_starts_with_the_schema_line_and_keeps_pins_on_the_pi_header(string id)
    {
        var firstLine = File.ReadLines(SitePath(id)).First();
        Assert.Equal("# yaml-language-server: $schema=../schema/site.schema.json", firstLine);

        var site = SiteFileLoader.Load(SitePath(id)).Configuration!;
        // BCM 2-27 are the header's GPIOs; 14/15 carry the UART of the PN532 on /dev/ttyAMA0.
        Assert.All(AllPins(site), pin => Assert.InRange(pin, 2, 27));
        Assert.DoesNotContain(14, AllPins(site));
        Assert.DoesNotContain(15, AllPins(site));
        Assert.InRange(site.Doors.Count, 5, 6);
        Assert.NotNull(site.FireAlarm);
        Assert.Contains(site.Readers, r => r.Resource == "copieur");
        Assert.Equal(new Uri("mqtts://hub.cybercantal.fr:8883"), site.Hub!.Broker);
        Assert.Equal("/etc/cybercantal/gateway.credential", site.Hub.CredentialFile);
        Assert.All(site.Zones.Where(z => z.Kind == ZoneKind.PrivateOffice), z => Assert.Equal(4, z.Seats));
        Assert.All(site.Zones.Where(z => z.Kind == ZoneKind.PrivateOffice), z => Assert.Equal(4, site.Pcs.Count(p => p.Zone == z.Id)));
        Assert.InRange(site.Pcs.Count(p => p.Zone == "open-space"), 14, 16);
    }

    [Fact]
    public void The_montmurat_testbed_has_a_desk_reader_on_a_pc()
    {
        var site = SiteFileLoader.Load(SitePath("montmurat")).Configuration!;

        var desk = Assert.Single(site.Readers, r => site.Pcs.Any(p => p.Id == r.Resource));
        Assert.Equal(("lecteur-poste-os-01", "pc-os-01", ReaderKind.Pn532), (desk.Id, desk.Resource, desk.Kind));
    }

    [Fact]
    public void Status_and_specialties_match_the_network()
    {
        foreach (var id in new[] { "saint-flour", "murat", "chaudes-aigues", "montmurat", "allanche" })
        {
            Assert.Equal(SiteStatus.Open, SiteFileLoader.Load(SitePath(id)).Configuration!.Status);
        }

        Assert.Equal(SiteStatus.Planned, SiteFileLoader.Load(SitePath("ydes")).Configuration!.Status);
        Assert.Equal(SiteStatus.Planned, SiteFileLoader.Load(SitePath("aurillac")).Configuration!.Status);
        Assert.Contains("health-wellbeing", SiteFileLoader.Load(SitePath("chaudes-aigues")).Configuration!.Specialties);
        Assert.Contains("technology-testbed", SiteFileLoader.Load(SitePath("montmurat")).Configuration!.Specialties);
    }

    [Fact]
    public void Saint_flour_entrance_is_a_fail_safe_maglock_behind_an_acr122u()
    {
        var site = SiteFileLoader.Load(SitePath("saint-flour")).Configuration!;

        var entrance = Assert.Single(site.Doors, d => d.Id == "porte-entree");
        Assert.Equal("Porte d'entrée", entrance.Name);
        Assert.Equal(FailMode.FailSafe, entrance.FailMode);
        Assert.Equal(("outside", "accueil"), (entrance.FromZone, entrance.ToZone));
        Assert.Equal(5, entrance.Strike.Pin);
        Assert.Equal(SignalLevel.Low, entrance.Strike.UnlockLevel);
        Assert.Equal(TimeSpan.FromSeconds(5), entrance.Strike.UnlockTime);
        Assert.Equal(6, entrance.PositionSensor!.Pin);
        Assert.Equal(TimeSpan.FromMilliseconds(50), entrance.PositionSensor.Debounce);
        Assert.Equal(13, entrance.ExitRequest!.Pin);
        Assert.Equal(SignalLevel.Low, entrance.ExitRequest.ActiveLevel);
        Assert.Equal(TimeSpan.FromSeconds(20), entrance.HeldOpenPreAlarm);
        Assert.Equal(TimeSpan.FromSeconds(40), entrance.HeldOpenAlarm);
        Assert.Equal([CredentialKind.Nfc], entrance.AcceptedCredentials);

        var reader = Assert.Single(site.Readers, r => r.Door == "porte-entree");
        Assert.Equal(ReaderKind.Pcsc, reader.Kind);
        Assert.Equal("ACS ACR122U", reader.Device);

        var office = Assert.Single(site.Readers, r => r.Door == "porte-bureau-1");
        Assert.Equal(ReaderKind.Wiegand, office.Kind);
        Assert.Equal((23, 24), (office.WiegandD0Pin, office.WiegandD1Pin));
        Assert.Equal(25, office.Feedback!.GreenLedPin);
        Assert.Equal(FailMode.FailSecure, site.Doors.Single(d => d.Id == "porte-bureau-1").FailMode);

        Assert.Equal(18, site.FireAlarm!.Pin);
        Assert.Equal(SignalLevel.Low, site.FireAlarm.ActiveLevel);
        Assert.Equal(17, site.Copiers.Single().EnablePin);
    }

    [Fact]
    public void Saint_flour_hours_schedules_and_closures_are_loaded_in_local_time()
    {
        var site = SiteFileLoader.Load(SitePath("saint-flour")).Configuration!;

        Assert.Equal([new TimeRange(new TimeOnly(8, 0), new TimeOnly(19, 0))], site.OpeningHours.For(DayOfWeek.Monday));
        Assert.Equal([new TimeRange(new TimeOnly(9, 0), new TimeOnly(12, 0))], site.OpeningHours.For(DayOfWeek.Saturday));
        Assert.Empty(site.OpeningHours.For(DayOfWeek.Sunday));

        var openSpace = site.Doors.Single(d => d.Id == "porte-open-space");
        Assert.True(openSpace.ScheduledUnlock.Contains(new DateTime(2026, 11, 26, 10, 0, 0)));
        Assert.False(openSpace.ScheduledUnlock.Contains(new DateTime(2026, 11, 26, 13, 0, 0)));
        Assert.False(openSpace.ScheduledUnlock.Contains(new DateTime(2026, 11, 28, 10, 0, 0)));
        Assert.True(site.Doors.Single(d => d.Id == "porte-bureau-1").ScheduledUnlock.IsEmpty);

        Assert.Contains(new ClosureDay(new DateOnly(2026, 12, 25), "Noël"), site.Closures);
        Assert.Contains(site.Closures, c => c.Date == new DateOnly(2027, 3, 29) && c.Reason == "Lundi de Pâques");
        Assert.Equal(22, site.Closures.Count);

        // Europe/Paris: 10:00 local on a winter day is 09:00 UTC.
        var local = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc), site.TimeZone);
        Assert.Equal(10, local.Hour);
    }

    private static List<int> AllPins(SiteConfiguration site)
    {
        var pins = new List<int>();
        foreach (var door in site.Doors)
        {
            pins.Add(door.Strike.Pin);
            pins.AddRange(new[] { door.PositionSensor?.Pin, door.ExitRequest?.Pin }.OfType<int>());
        }

        foreach (var reader in site.Readers)
        {
            pins.AddRange(new[] { reader.WiegandD0Pin, reader.WiegandD1Pin, reader.Feedback?.GreenLedPin, reader.Feedback?.RedLedPin, reader.Feedback?.BuzzerPin }.OfType<int>());
        }

        pins.AddRange(site.Copiers.Select(c => c.EnablePin).OfType<int>());
        if (site.FireAlarm is not null)
        {
            pins.Add(site.FireAlarm.Pin);
        }

        return pins;
    }
}
