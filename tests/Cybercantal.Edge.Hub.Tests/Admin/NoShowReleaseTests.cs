using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Ingest;
using Cybercantal.Edge.Hub.Tests.Support;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.DependencyInjection;

namespace Cybercantal.Edge.Hub.Tests.Admin;

/// <summary>
/// A site's RoomNoShow record, ingested, releases the booking at the hub: real hub (API, store, ingest,
/// embedded broker) and a site running the agent's real credential handler and access store.
/// </summary>
public sealed class NoShowReleaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private AdminHub _hub = null!;

    private HttpClient Admin => _hub.Admin;

    public async Task InitializeAsync() => _hub = await AdminHub.StartAsync("murat", "saint-flour");

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_no_show_record_releases_the_booking_frees_the_room_and_leaves_the_sites_credentials_once()
    {
        await using var murat = await _hub.StartAgentAsync("murat");
        await _hub.CreateMemberAsync("m-1", "nfc:0A0B0C0D", "murat");
        await _hub.CreateMemberAsync("m-2", "nfc:0A0B0C0E", "murat");
        var booking = await AdminApiTests.Read<BookingView>(await Admin.PostAsJsonAsync("/api/bookings", AdminApiTests.Booking("m-1", 9, 10), AdminHub.Json));
        Assert.Equal(BookingView.Booked, booking.Status);
        await murat.WaitUntilAsync(a => a.Store.Current.BookingCount == 1, Patience);
        var versionBefore = await Version();

        var outcome = await Ingest(NoShow(1, "m-1", "salle-visio", Start, Start.AddHours(1)));
        Assert.Equal(IngestStatus.Committed, outcome.Status);

        var released = await Admin.GetFromJsonAsync<BookingView>($"/api/bookings/{booking.Id}", AdminHub.Json);
        Assert.Equal((BookingView.Released, "no-show", Start.AddMinutes(10)), (released!.Status, released.ReleaseReason, released.ReleasedAt));
        var listed = Assert.Single((await Admin.GetFromJsonAsync<BookingView[]>("/api/bookings?site=murat", AdminHub.Json))!);
        Assert.Equal(BookingView.Released, listed.Status);
        var member = await Admin.GetFromJsonAsync<MemberView>("/api/members/m-1", AdminHub.Json);
        Assert.Equal(BookingView.Released, member!.Bookings.Single().Status);
        Assert.Equal(versionBefore + 1, await Version());
        // The site's next credential version no longer carries the booking.
        await murat.WaitUntilAsync(a => a.Credentials.CurrentVersion == versionBefore + 1, Patience);
        Assert.Equal(0, murat.Store.Current.BookingCount);

        // A resent record (or a second one) changes nothing.
        Assert.Equal(IngestStatus.Committed, (await Ingest(NoShow(1, "m-1", "salle-visio", Start, Start.AddHours(1)))).Status);
        Assert.Equal(IngestStatus.Committed, (await Ingest(NoShow(2, "m-1", "salle-visio", Start, Start.AddHours(1)))).Status);
        Assert.Equal(versionBefore + 1, await Version());

        // The room is free again for that slot.
        var rebooked = await Admin.PostAsJsonAsync("/api/bookings", AdminApiTests.Booking("m-2", 9, 10), AdminHub.Json);
        Assert.Equal(HttpStatusCode.Created, rebooked.StatusCode);
    }

    [Fact]
    public async Task A_no_show_naming_no_booking_or_with_a_bad_detail_changes_nothing()
    {
        await _hub.CreateMemberAsync("m-1", "nfc:0A0B0C0D", "murat");
        var booking = await AdminApiTests.Read<BookingView>(await Admin.PostAsJsonAsync("/api/bookings", AdminApiTests.Booking("m-1", 9, 10), AdminHub.Json));
        var versionBefore = await Version();

        await Ingest(NoShow(1, "m-2", "salle-visio", Start, Start.AddHours(1)));
        await Ingest(NoShow(2, "m-1", "salle-reunion", Start, Start.AddHours(1)));
        await Ingest(NoShow(3, "m-1", "salle-visio", Start.AddHours(1), Start.AddHours(2)));
        await Ingest(new JournalBatch
        {
            Site = "murat",
            Records = [new JournalBatchRecord { Seq = 4, Kind = JournalRecordKind.RoomNoShow, At = Start, Mono = 4, Member = "m-1", Detail = "zone=salle-visio;booking-start=soon" }],
        });
        // Another site's record for the same room name.
        await Ingest(NoShow(1, "m-1", "salle-visio", Start, Start.AddHours(1)) with { Site = "saint-flour" }, "saint-flour");

        var after = await Admin.GetFromJsonAsync<BookingView>($"/api/bookings/{booking.Id}", AdminHub.Json);
        Assert.Equal((BookingView.Booked, (DateTimeOffset?)null), (after!.Status, after.ReleasedAt));
        Assert.Equal(versionBefore, await Version());
        Assert.True(_hub.Hub.Logs.Contains(2133, "booking-start"));
    }

    private async Task<long> Version() =>
        (await Admin.GetFromJsonAsync<SiteCredentialsVersion>("/api/sites/murat/credentials", AdminHub.Json))!.Version;

    private Task<IngestOutcome> Ingest(JournalBatch batch, string site = "murat") =>
        _hub.Hub.Services.GetRequiredService<JournalIngestor>().IngestAsync(site, new ReadOnlySequence<byte>(Batches.Bytes(batch)));

    /// <summary>A RoomNoShow record as the agent's room tracker writes it (docs/usage.md).</summary>
    private static JournalBatch NoShow(long seq, string member, string zone, DateTimeOffset start, DateTimeOffset end) => new()
    {
        Site = "murat",
        Head = seq,
        Records =
        [
            new JournalBatchRecord
            {
                Seq = seq,
                Kind = JournalRecordKind.RoomNoShow,
                At = start.AddMinutes(10),
                Mono = 1000 + seq,
                Member = member,
                Detail = $"zone={zone};booking-start={start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'};booking-end={end.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'};released={start.AddMinutes(10).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}",
            },
        ],
    };
}
