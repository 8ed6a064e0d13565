using System.Net.Http.Json;
using System.Text.Json;
using Cybercantal.Edge.Demo.Tests.Support;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Demo.Tests;

/// <summary>
/// The whole demo in-process (hub with its embedded broker, five agents, traffic) for a short run at 600x:
/// the morning from 07:30 to about 09:40 in some 13 real seconds, then a second start on the same data
/// that delivers what the first one journaled while stopping.
/// </summary>
public sealed class DemoEndToEndTests
{
    private static readonly TimeOnly RunUntil = new(9, 40);

    /// <summary>
    /// The usage side of the showcase centre's morning, through the hub's API as a manager would read it:
    /// PC sessions reported on the agent's PC endpoint and ended by logout and by the PC freezing, copier jobs
    /// whose pages were read over SNMP from the demo's copier, the early meeting checked in and badged out, the
    /// early visio booking released as a no-show.
    /// </summary>
    private static async Task AssertShowcaseUsageAsync(DemoRun run, HttpClient http)
    {
        const string site = DemoCastGenerator.ShowcaseCentre;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/usage/records?site={site}&size=1000");
        request.Headers.Add("X-Api-Key", run.Hub.CreateAdminKey());
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"usage records: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var records = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
            .Select(r => (Kind: r.GetProperty("kind").GetString(), Detail: r.GetProperty("detail").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString())))
            .ToList();
        string Describe() => string.Join(Environment.NewLine, records.Select(r => $"{r.Kind} {string.Join(';', r.Detail.Select(d => $"{d.Key}={d.Value}"))}"));

        Assert.True(records.Any(r => r.Kind == "pc-session-started"), Describe());
        Assert.True(records.Any(r => r.Kind == "pc-session-ended" && r.Detail.GetValueOrDefault("reason") == "logout"), Describe());
        Assert.True(records.Any(r => r.Kind == "pc-session-ended" && r.Detail.GetValueOrDefault("reason") == "pc-unreachable"), Describe());
        // Measured: both counters were read over SNMP (no flag), and the job printed something.
        Assert.True(records.Any(r => r.Kind == "copier-session-ended" && !r.Detail.ContainsKey("flag") && r.Detail.ContainsKey("counter-start")
            && int.Parse(r.Detail.GetValueOrDefault("pages") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0), Describe());
        Assert.True(records.Any(r => r.Kind == "room-check-in"), Describe());
        Assert.True(records.Any(r => r.Kind == "room-use-ended" && r.Detail.GetValueOrDefault("reason") == "badge-out"), Describe());
        Assert.Single(records, r => r.Kind == "room-no-show");

        var month = run.Day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        using var roomsRequest = new HttpRequestMessage(HttpMethod.Get, $"api/usage/rooms?site={site}&month={month}");
        roomsRequest.Headers.Add("X-Api-Key", run.Hub.CreateAdminKey());
        using var roomsResponse = await http.SendAsync(roomsRequest);
        var rooms = await roomsResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(roomsResponse.IsSuccessStatusCode, rooms.ToString());
        Assert.Equal(1, rooms.GetProperty("rooms").EnumerateArray().Sum(r => r.GetProperty("noShows").GetInt32()));
        Assert.True(rooms.GetProperty("rooms").EnumerateArray().Sum(r => r.GetProperty("usedSeconds").GetInt64()) > 0, rooms.ToString());
        // The day's bookings were made at the hub, so its report counts them.
        var centre = run.Agents.Single(a => a.Centre.Id == site).Centre;
        Assert.Equal(centre.Bookings.Count, rooms.GetProperty("rooms").EnumerateArray().Sum(r => r.GetProperty("bookings").GetInt32()));
    }

    /// <summary>
    /// What the demo's manager entered through the admin API, as the hub shows it: members with their names,
    /// the showcase centre's bookings, the unattended one released by the site's no-show.
    /// </summary>
    private static async Task AssertAdministeredAtTheHubAsync(DemoRun run, HttpClient http)
    {
        const string site = DemoCastGenerator.ShowcaseCentre;
        var centre = run.Agents.Single(a => a.Centre.Id == site).Centre;
        async Task<JsonElement> GetAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Api-Key", run.AdminKey);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
            return body;
        }

        var members = (await GetAsync($"api/members?site={site}&size=1000")).EnumerateArray().ToList();
        Assert.Equal(centre.People.Select(p => p.MemberId).Order(StringComparer.Ordinal), members.Select(m => m.GetProperty("id").GetString()));
        Assert.All(members, m => Assert.Equal(
            DemoAdminRecords.DisplayName(centre.People.Single(p => p.MemberId == m.GetProperty("id").GetString())),
            m.GetProperty("name").GetString()));

        var bookings = (await GetAsync($"api/bookings?site={site}")).EnumerateArray()
            .Select(b => (Member: b.GetProperty("memberId").GetString(), Zone: b.GetProperty("zone").GetString(), Start: b.GetProperty("start").GetDateTimeOffset(),
                Status: b.GetProperty("status").GetString(), Reason: b.TryGetProperty("releaseReason", out var reason) ? reason.GetString() : null))
            .ToList();
        Assert.Equal(centre.Bookings.Count, bookings.Count);
        var noShow = centre.Bookings.Single(b => !b.Honoured);
        var released = Assert.Single(bookings, b => b.Status == "released");
        Assert.Equal((noShow.MemberId, noShow.Zone, noShow.Start, "no-show"), (released.Member, released.Zone, released.Start, released.Reason));
    }

    [Fact]
    public async Task A_short_accelerated_morning_reaches_the_hub_exactly_once_with_the_refusals_alarms_and_usage()
    {
        using var data = new TempDirectory();
        var output = new StringWriter();
        var options = new DemoOptions { DataDirectory = data.Path, Speed = 600, MqttPort = 0, HttpPort = 0 };
        IReadOnlyList<DemoSiteSummary> firstRun;
        string hubDatabase;
        var run = await DemoRun.StartAsync(options, TextWriter.Synchronized(output), NullLoggerFactory.Instance, CancellationToken.None);
        await using (run)
        {
            hubDatabase = run.Hub.StorePath;
            // The gateways run the access data the demo's manager entered at the hub, received by the credential sync.
            await run.AccessDataSynced.WaitAsync(TimeSpan.FromSeconds(30));
            var firstEvents = await run.FirstEventsVisible.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(firstEvents < TimeSpan.FromSeconds(20), $"first events after {firstEvents}");

            var zone = run.Agents[0].Centre.Site.TimeZone;
            await Waiting.UntilAsync(
                () => TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(run.Clock.GetUtcNow(), zone).DateTime) >= RunUntil,
                TimeSpan.FromSeconds(40),
                () => $"the demo clock is at {TimeZoneInfo.ConvertTime(run.Clock.GetUtcNow(), zone):HH:mm}");

            using var http = new HttpClient { BaseAddress = run.Hub.BaseAddress };
            var status = await http.GetFromJsonAsync<JsonElement>("api/sites/status");
            var listed = status.EnumerateArray().Select(s => s.GetProperty("site").GetString()).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(DemoSites.OpenCentres.Order(StringComparer.Ordinal), listed);
            Assert.All(status.EnumerateArray(), s => Assert.True(s.GetProperty("committedThrough").GetInt64() > 10, s.ToString()));
            await AssertShowcaseUsageAsync(run, http);
            await AssertAdministeredAtTheHubAsync(run, http);

            firstRun = await run.StopAsync(TimeSpan.FromSeconds(15), CancellationToken.None);
        }

        Assert.Equal(5, firstRun.Count);
        foreach (var site in firstRun)
        {
            var hub = JournalRows.Hub(hubDatabase, site.Site);
            var agent = JournalRows.Agent(Path.Combine(data.Path, site.Site, "journal.db"));

            // Exactly once, in order: 1..N without gap (the primary key forbids duplicates), and N covers
            // everything journaled before the stop began.
            Assert.Equal(1, hub.Keys.First());
            Assert.Equal(hub.Count, hub.Keys.Last());
            Assert.Equal(site.HubCommittedAtDrain, site.JournalHeadAtDrain);
            Assert.True(hub.Count >= site.JournalHeadAtDrain, $"{site.Site}: hub {hub.Count} < drained head {site.JournalHeadAtDrain}");
            Assert.Equal(site.JournalHeadAfterStop, agent.Keys.Last());
            foreach (var (seq, kind) in hub)
            {
                Assert.Equal(agent[seq], kind);
            }

            // What the hub lacks are the records of the agent's own stop, journaled after its hub link closed: door
            // states and, from the usage trackers still running then, session ends and no-shows.
            var tail = agent.Where(r => r.Key > hub.Count).Select(r => (JournalRecordKind)r.Value).ToList();
            Assert.Contains(JournalRecordKind.AgentStopped, tail);
            Assert.All(tail, k => Assert.True(
                k is JournalRecordKind.AgentStopped or JournalRecordKind.DoorStateChanged or JournalRecordKind.ScheduledUnlockChanged or JournalRecordKind.DoorAlarmCleared
                    || (k >= JournalRecordKind.PcSessionStarted && k <= JournalRecordKind.RoomNoShow),
                $"{k} journaled during the stop"));

            Assert.True(site.StepsPlayed > 10, $"{site.Site} played {site.StepsPlayed} moves");
            Assert.Equal(1, JournalRows.Scalar(hubDatabase, "SELECT COUNT(*) FROM journal WHERE site = $site AND kind = 1 AND granted = 0 AND reason = 'MemberExpired'", ("$site", site.Site)));
            Assert.True(JournalRows.Scalar(hubDatabase, "SELECT COUNT(*) FROM journal WHERE site = $site AND kind = 1 AND granted = 1", ("$site", site.Site)) >= 4, $"{site.Site}: few grants");
        }

        // Each centre plans one forced door, but at 600x its door-sensor debounce is a fraction of a real
        // millisecond: on a loaded machine one centre's may be missed. The network as a whole shows it.
        Assert.True(JournalRows.Scalar(hubDatabase, "SELECT COUNT(*) FROM journal WHERE kind = 3") >= 1, "no forced-open alarm at any centre");

        var text = output.ToString();
        Assert.Contains("MemberExpired", text, StringComparison.Ordinal);
        Assert.Contains("forced open", text, StringComparison.Ordinal);

        // Second start on the same data, no traffic: the first run's shutdown records are delivered, still without gap.
        var restart = await DemoRun.StartAsync(new DemoOptions { DataDirectory = data.Path, Speed = 600, MqttPort = 0, HttpPort = 0, Traffic = false }, TextWriter.Null, NullLoggerFactory.Instance, CancellationToken.None);
        await using (restart)
        {
            // Entered again over the first run's data (members and badges updated, the day's bookings renewed), and synced.
            await restart.AccessDataSynced.WaitAsync(TimeSpan.FromSeconds(30));
            await Waiting.UntilAsync(
                () => firstRun.All(s => (restart.Hub.Activity.Find(s.Site)?.CommittedThrough ?? 0) >= s.JournalHeadAfterStop),
                TimeSpan.FromSeconds(20),
                () => string.Join(", ", firstRun.Select(s => $"{s.Site} {restart.Hub.Activity.Find(s.Site)?.CommittedThrough}/{s.JournalHeadAfterStop}")));
            await restart.StopAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        }

        foreach (var site in firstRun)
        {
            var hub = JournalRows.Hub(hubDatabase, site.Site);
            Assert.Equal(hub.Count, hub.Keys.Last());
            Assert.True(hub.Count >= site.JournalHeadAfterStop);
        }
    }
}
