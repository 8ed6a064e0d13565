using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Demo;

/// <summary>The five open centres' site files (copied next to the demo) and their demo variants.</summary>
public static class DemoSites
{
    public static readonly IReadOnlyList<string> OpenCentres = ["saint-flour", "murat", "chaudes-aigues", "montmurat", "allanche"];

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "sites");

    /// <summary>Loads the open centres' site files; throws <see cref="InvalidOperationException"/> naming every problem.</summary>
    public static IReadOnlyList<SiteConfiguration> Load()
    {
        var sites = new List<SiteConfiguration>();
        var problems = new List<string>();
        foreach (var id in OpenCentres)
        {
            var path = Path.Combine(Directory, id + ".yaml");
            var result = SiteFileLoader.Load(path);
            if (result.Configuration is null)
            {
                problems.AddRange(result.Diagnostics.Select(d => d.ToString()));
                problems.Add($"{path} is not valid.");
                continue;
            }

            sites.Add(result.Configuration);
        }

        return problems.Count == 0 ? sites : throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// The same centre, its <c>hub</c> section pointing at the demo's embedded broker on loopback (no TLS)
    /// with the gateway secret the demo wrote for it, its PCs' host names on loopback (the demo's
    /// <see cref="DemoPcFarm"/> answers their probes) and its copiers' <c>snmpAddress</c> at the demo's
    /// <see cref="DemoCopier"/> (null: left as in the site file).
    /// </summary>
    public static SiteConfiguration ForDemo(SiteConfiguration site, int mqttPort, string credentialFile, string? copierAddress)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new SiteConfiguration
        {
            Id = site.Id,
            Name = site.Name,
            Commune = site.Commune,
            Status = site.Status,
            Specialties = site.Specialties,
            TimeZone = site.TimeZone,
            OpeningHours = site.OpeningHours,
            Closures = site.Closures,
            Zones = site.Zones,
            Doors = site.Doors,
            Readers = site.Readers,
            Pcs = [.. site.Pcs.Select(pc => new PcConfiguration { Id = pc.Id, Zone = pc.Zone, HostName = "127.0.0.1" })],
            Copiers = copierAddress is null
                ? site.Copiers
                : [.. site.Copiers.Select(c => new CopierConfiguration { Id = c.Id, Zone = c.Zone, SnmpAddress = copierAddress, EnablePin = c.EnablePin })],
            Visio = site.Visio,
            FireAlarm = site.FireAlarm,
            GpioChip = site.GpioChip,
            GpioLineCount = site.GpioLineCount,
            SchemaVersion = site.SchemaVersion,
            SourcePath = site.SourcePath,
            Hub = new HubConnectionConfiguration
            {
                Broker = new Uri(FormattableString.Invariant($"mqtt://127.0.0.1:{mqttPort}")),
                Tls = false,
                CredentialFile = credentialFile,
            },
        };
    }

    /// <summary>
    /// The day the demo plays: today in the centres' time zone, or the next day every centre is open on a
    /// weekday (no closure), so the newcomer sees a working day.
    /// </summary>
    public static DateOnly ChooseDay(DateTimeOffset now, IReadOnlyList<SiteConfiguration> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var zone = sites.Count > 0 ? sites[0].TimeZone : TimeZoneInfo.Utc;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || sites.Any(s => s.Closures.Any(c => c.Date == day)))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
