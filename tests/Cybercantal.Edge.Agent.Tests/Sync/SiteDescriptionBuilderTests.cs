using System.Text.Json;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Sync;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Protocol.Serialization;
using Cybercantal.Edge.Protocol.Sites;

namespace Cybercantal.Edge.Agent.Tests.Sync;

/// <summary>The description the agent publishes is built from the site file and is one the hub accepts.</summary>
public sealed class SiteDescriptionBuilderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("saint-flour")]
    [InlineData("murat")]
    [InlineData("chaudes-aigues")]
    [InlineData("montmurat")]
    [InlineData("allanche")]
    [InlineData("ydes")]
    [InlineData("aurillac")]
    public void Every_shipped_site_file_gives_a_description_the_hub_accepts(string id)
    {
        var site = SiteFileLoader.Load(RepositoryFiles.Find($"firmware-config/sites/{id}.yaml")).Configuration!;

        var payload = JsonSerializer.SerializeToUtf8Bytes(SiteDescriptionBuilder.Build(site, At), ProtocolJsonContext.Default.SiteDescription);

        Assert.True(SiteDescriptionValidation.TryRead(payload, id, out var description, out var error), error);
        Assert.Equal(site.Zones.Count, description.Zones.Count);
        Assert.Equal(site.Closures.Select(c => c.Date).Distinct().Count(), description.Closures.Count);
    }

    [Fact]
    public void Saint_flour_lists_its_rooms_hours_and_resources_in_the_site_files_words()
    {
        var site = SiteFileLoader.Load(RepositoryFiles.Find("firmware-config/sites/saint-flour.yaml")).Configuration!;

        var description = SiteDescriptionBuilder.Build(site, At);

        Assert.Equal(("saint-flour", "Europe/Paris", At), (description.Site, description.TimeZone, description.At));
        Assert.Equal(["09:00-12:00"], description.OpeningHours["saturday"]);
        Assert.False(description.OpeningHours.ContainsKey("sunday"));
        Assert.Contains(description.Zones, z => z is { Id: "salle-visio", Kind: "visio-room" });
        Assert.Contains(new SiteDescriptionResource("pc-os-01", "pc", "open-space"), description.Resources);
        Assert.Contains(new SiteDescriptionResource("copieur", "copier", "coin-copie"), description.Resources);
        Assert.Contains(new SiteDescriptionResource("visio-salle", "visio", "salle-visio"), description.Resources);
    }

    [Fact]
    public void An_end_of_day_range_is_written_24_00()
    {
        var site = new SiteConfiguration
        {
            Id = "test",
            Name = "Test",
            Commune = "Test",
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"),
            OpeningHours = WeeklySchedule.Always,
            Zones = [new ZoneConfiguration { Id = "salle", Name = "Salle", Kind = ZoneKind.MeetingRoom, Seats = 8 }],
            Doors = [],
        };

        var description = SiteDescriptionBuilder.Build(site, At);

        Assert.Equal(7, description.OpeningHours.Count);
        Assert.All(description.OpeningHours.Values, ranges => Assert.Equal(["00:00-24:00"], ranges));
        Assert.Equal(new SiteDescriptionZone("salle", "Salle", "meeting-room", 8), Assert.Single(description.Zones));
        Assert.Null(SiteDescriptionValidation.Validate(description, "test"));
    }
}
