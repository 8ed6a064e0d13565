using System.Net.Http.Json;
using System.Text.Json;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Sync.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cybercantal.Edge.Sync.Tests.EndToEnd;

/// <summary>
/// A room booked at the hub, nobody checks in: the agent (composed as <c>run</c> does, shipped Saint-Flour site
/// file) releases it 10 minutes after its start, refuses the holder at the room's door, and the hub, once the
/// no-show record arrives, shows the booking released and takes it out of the site's credentials. Real time:
/// the booking is made to have started 11 minutes ago, and the room scan runs every second.
/// </summary>
public sealed class RoomNoShowEndToEndTests
{
    private const string Site = ShippedAgentWithHub.Site;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_booking_without_check_in_is_released_at_the_site_and_at_the_hub_and_its_holder_is_refused_at_the_room()
    {
        await using var world = await ShippedAgentWithHub.StartAsync(
            Patience,
            new Dictionary<string, string?>
            {
                ["Usage:RoomScanInterval"] = "00:00:01",
                // The PC endpoint's fixed port is not needed here (other end-to-end tests use it in parallel).
                ["Usage:PcEndpointEnabled"] = "false",
            });
        var (admin, agent) = (world.Admin, world.Agent);
        var store = agent.Services.GetRequiredService<AccessStore>();
        var roomReader = world.Reader("lecteur-salle-reunion");
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
        var refused = await world.DecideUntilAsync(roomReader, badge, d => !d.Decision.Granted);
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
        var stillRefused = await world.DecideUntilAsync(roomReader, badge, d => !d.Decision.Granted);
        Assert.Equal(DenyReason.NoBookingNow, stillRefused.Decision.Reason);

        await agent.StopAsync();
    }
}
