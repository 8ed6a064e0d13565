using System.Net.Http.Json;
using System.Text.Json;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Hosting;
using Cybercantal.Edge.Agent.Simulation;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Sync.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Sync.Tests.EndToEnd;

/// <summary>
/// A room booked at the hub, nobody checks in: the agent (composed as <c>run</c> does, shipped Saint-Flour site
/// file) releases it 10 minutes after its start, refuses the holder at the room's door, and the hub, once the
/// no-show record arrives, shows the booking released and takes it out of the site's credentials. Real time:
/// the booking is made to have started 11 minutes ago, and the room scan runs every second.
/// </summary>
public sealed class RoomNoShowEndToEndTests
{
    private const string Site = "saint-flour";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_booking_without_check_in_is_released_at_the_site_and_at_the_hub_and_its_holder_is_refused_at_the_room()
    {
        using var directory = new TempDirectory();
        var port = FreePort.Next();
        await using var hub = await RunningHub.StartAsync(Path.Combine(directory.Path, "hub.db"), port, sites: Site);
        var (_, adminKey) = hub.Services.GetRequiredService<ApiKeyStore>().Create("test admin", admin: true, sites: null);
        using var admin = new HttpClient { BaseAddress = hub.HttpAddress, Timeout = Patience };
        admin.DefaultRequestHeaders.Add("X-Api-Key", adminKey);

        using var agent = BuildAgent(directory.Path, port);
        await agent.StartAsync();
        var store = agent.Services.GetRequiredService<AccessStore>();
        var pipeline = agent.Services.GetRequiredService<BadgePipeline>();
        var roomReader = agent.Services.GetRequiredService<SiteConfiguration>().Readers.Single(r => r.Id == "lecteur-salle-reunion");
        var badge = Credential.Parse("nfc:0A0B0C0D0F");

        // Not staff: the room then opens on the booking only.
        (await admin.PostAsJsonAsync("/api/members", new MemberRequest { Id = "SF-NS", Name = "Noé", Sites = [Site] }, Json)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/badges", new BadgeRequest { Credential = badge.ToString(), MemberId = "SF-NS" }, Json)).EnsureSuccessStatusCode();
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddMinutes(-11);
        var booking = await (await admin.PostAsJsonAsync(
            "/api/bookings",
            new BookingRequest { MemberId = "SF-NS", Site = Site, Zone = "salle-reunion", Start = start, End = start.AddHours(1) },
            Json)).Content.ReadFromJsonAsync<BookingView>(Json);
        Assert.NotNull(booking);

        // The site releases it on its next room scan (no badge before: a granted badge would be the check-in).
        var release = new ReleasedBooking("SF-NS", "salle-reunion", start, start.AddHours(1));
        await Waiting.UntilAsync(() => store.IsReleased(release), Patience, () => $"bookings at the site: {store.Current.BookingCount}");
        var refused = await DecideUntilAsync(pipeline, roomReader, badge, d => !d.Decision.Granted);
        // The hub's next credential version may already have taken the booking away: then there is simply none.
        Assert.Contains(refused.Decision.Reason, new[] { DenyReason.BookingReleased, DenyReason.NoBookingNow });

        // The no-show record reaches the hub, which releases the booking and sends the site a version without it.
        var atHub = await admin.GetFromJsonAsync<BookingView>($"/api/bookings/{booking.Id}", Json);
        using (var patience = new CancellationTokenSource(Patience))
        {
            while (atHub!.Status != BookingView.Released)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), patience.Token);
                atHub = await admin.GetFromJsonAsync<BookingView>($"/api/bookings/{booking.Id}", Json);
            }
        }

        Assert.Equal(("no-show", start.AddMinutes(10)), (atHub!.ReleaseReason, atHub.ReleasedAt));
        await Waiting.UntilAsync(() => store.Current.BookingCount == 0, Patience, () => $"bookings at the site: {store.Current.BookingCount}");
        var stillRefused = await DecideUntilAsync(pipeline, roomReader, badge, d => !d.Decision.Granted);
        Assert.Equal(DenyReason.NoBookingNow, stillRefused.Decision.Reason);

        await agent.StopAsync();
    }

    private static IHost BuildAgent(string directory, int port)
    {
        var credentialFile = Path.Combine(directory, "gateway.credential");
        File.WriteAllText(credentialFile, RunningHub.Secret);
        var shipped = File.ReadAllText(FindUpwards("firmware-config/sites/saint-flour.yaml"));
        var yaml = shipped
            .Replace("mqtts://hub.cybercantal.fr:8883", $"mqtt://127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace("tls: true", "tls: false", StringComparison.Ordinal)
            .Replace("/etc/cybercantal/gateway.credential", credentialFile, StringComparison.Ordinal);
        var load = SiteFileLoader.Parse(yaml, "saint-flour.yaml");
        var site = load.Configuration ?? throw new InvalidOperationException(string.Join(Environment.NewLine, load.Diagnostics));
        var settings = new AgentRunSettings(site, Simulate: true, DataDirectory: Path.Combine(directory, "agent"), SeedFile: null);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sync:Enabled"] = "true",
            ["Usage:RoomScanInterval"] = "00:00:01",
            // The PC endpoint's fixed port is not needed here (other end-to-end tests use it in parallel).
            ["Usage:PcEndpointEnabled"] = "false",
        });
        builder.Services.AddSingleton(new SimulatedGpioDriver());
        builder.Services.AddSingleton(new SimulationTerminal(TextReader.Null, TextWriter.Null));
        builder.AddAgent(settings);
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    private static async Task<BadgeDecision> DecideUntilAsync(BadgePipeline pipeline, ReaderConfiguration reader, Credential badge, Func<BadgeDecision, bool> wanted)
    {
        BadgeDecision? last = null;
        void Record(BadgeDecision decision) => last = decision;
        pipeline.Decided += Record;
        try
        {
            await Waiting.UntilAsync(
                () =>
                {
                    pipeline.CredentialRead(reader, badge, 0);
                    return last is not null && wanted(last);
                },
                Patience,
                () => $"last decision: {last?.Decision}");
            return last!;
        }
        finally
        {
            pipeline.Decided -= Record;
        }
    }

    private static string FindUpwards(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relativePath);
    }
}
