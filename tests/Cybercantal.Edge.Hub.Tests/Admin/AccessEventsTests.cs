using System.Net;
using System.Net.Http.Json;
using System.Text;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Tests.Support;
using Cybercantal.Edge.Protocol.Journal;
using static Cybercantal.Edge.Hub.Tests.Admin.AdminApiTests;

namespace Cybercantal.Edge.Hub.Tests.Admin;

public sealed class AccessEventsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 26, 8, 14, 3, TimeSpan.Zero);

    private AdminHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await AdminHub.StartAsync("murat", "saint-flour");
        await _hub.IngestAsync("murat",
            Decision(1, Morning, "entree", "nfc:04A1B2C3D4E5F6", "m-0042", granted: true, basis: "Lease"),
            Decision(2, Morning.AddMinutes(1), "entree", "wiegand26:12:3456", null, granted: false, reason: "UnknownBadge"),
            new JournalBatchRecord { Seq = 3, Kind = JournalRecordKind.DoorStateChanged, At = Morning.AddMinutes(2), Mono = 3, Door = "entree", Detail = "open" },
            Decision(4, Morning.AddHours(2), "salle-visio", "nfc:04A1B2C3D4E5F6", "m-0042", granted: false, reason: "NoBookingNow"));
        await _hub.IngestAsync("saint-flour",
            Decision(1, Morning.AddMinutes(5), "entree", "nfc:0A0B0C0D", "m-0007", granted: true, basis: "Staff"));
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Events_filter_by_site_door_member_badge_decision_and_time_newest_first()
    {
        var all = await Page("/api/events");
        Assert.Equal([("murat", 4L), ("saint-flour", 1L), ("murat", 2L), ("murat", 1L)], all.Items.Select(e => (e.Site, e.Seq)));

        Assert.Equal([4L, 2L, 1L], (await Page("/api/events?site=murat")).Items.Select(e => e.Seq));
        Assert.Equal([2L, 1L], (await Page("/api/events?site=murat&door=entree")).Items.Select(e => e.Seq));
        Assert.Equal([4L, 1L], (await Page("/api/events?member=m-0042")).Items.Select(e => e.Seq));
        Assert.Equal([4L, 1L], (await Page("/api/events?badge=nfc:04a1b2c3d4e5f6")).Items.Select(e => e.Seq));
        Assert.Equal([4L, 2L], (await Page("/api/events?decision=denied")).Items.Select(e => e.Seq));
        Assert.Equal(["saint-flour", "murat"], (await Page("/api/events?decision=granted")).Items.Select(e => e.Site));
        var window = await Page($"/api/events?from={Uri.EscapeDataString(Morning.AddMinutes(1).ToString("O"))}&to={Uri.EscapeDataString(Morning.AddHours(1).ToString("O"))}");
        Assert.Equal([("saint-flour", 1L), ("murat", 2L)], window.Items.Select(e => (e.Site, e.Seq)));

        var first = await Page("/api/events?size=3&page=1");
        var second = await Page("/api/events?size=3&page=2");
        Assert.True(first.HasMore);
        Assert.False(second.HasMore);
        Assert.Equal(("murat", 1L), (second.Items.Single().Site, second.Items.Single().Seq));

        var bad = await AssertProblem(await _hub.Admin.GetAsync("/api/events?decision=maybe"), HttpStatusCode.BadRequest, null);
        Assert.True(bad.GetProperty("errors").TryGetProperty("decision", out _));
        await AssertProblem(await _hub.Admin.GetAsync("/api/events?size=5000"), HttpStatusCode.BadRequest, "'size' must be between 1 and 1000 (got 5000).");
    }

    [Fact]
    public async Task Csv_export_is_utf8_with_bom_semicolons_and_french_headers()
    {
        var response = await _hub.Admin.GetAsync("/api/events/csv?site=murat");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var expected =
            "Date;Centre;Porte;Membre;Badge;Décision;Motif\r\n" +
            "26/11/2026 11:14:03;murat;salle-visio;m-0042;nfc:04A1B2C3D4E5F6;Refusé;Pas de réservation en cours\r\n" +
            "26/11/2026 09:15:03;murat;entree;;wiegand26:12:3456;Refusé;Badge inconnu\r\n" +
            "26/11/2026 09:14:03;murat;entree;m-0042;nfc:04A1B2C3D4E5F6;Autorisé;Bureau loué\r\n";
        Assert.Equal(Encoding.UTF8.GetBytes(expected), bytes[3..]);
    }

    [Fact]
    public async Task A_manager_of_murat_cannot_read_saint_flour()
    {
        using var murat = _hub.Manager("murat");
        await _hub.CreateMemberAsync("m-sf", "nfc:0A0B0C0D", "saint-flour");
        await _hub.CreateMemberAsync("m-mu", "nfc:01020304", "murat");

        // Events: only Murat's, and asking for Saint-Flour is forbidden.
        var page = await murat.GetFromJsonAsync<AccessEventPage>("/api/events", AdminHub.Json);
        Assert.All(page!.Items, e => Assert.Equal("murat", e.Site));
        Assert.Equal(3, page.Items.Count);
        await AssertProblem(await murat.GetAsync("/api/events?site=saint-flour"), HttpStatusCode.Forbidden, "API key 'manager murat' is not allowed on site 'saint-flour'.");
        await AssertProblem(await murat.GetAsync("/api/events/csv?site=saint-flour"), HttpStatusCode.Forbidden, null);
        var csv = Encoding.UTF8.GetString(await murat.GetByteArrayAsync("/api/events/csv"));
        Assert.DoesNotContain("saint-flour", csv, StringComparison.Ordinal);

        // Members, badges and site data of Saint-Flour do not exist for them.
        await AssertProblem(await murat.GetAsync("/api/members/m-sf"), HttpStatusCode.NotFound, "No member 'm-sf'.");
        await AssertProblem(await murat.GetAsync("/api/badges/nfc:0A0B0C0D"), HttpStatusCode.NotFound, null);
        await AssertProblem(await murat.PostAsync("/api/badges/nfc:0A0B0C0D/revoke", null), HttpStatusCode.NotFound, null);
        Assert.Equal(["m-mu"], (await murat.GetFromJsonAsync<MemberView[]>("/api/members", AdminHub.Json))!.Select(m => m.Id));
        await AssertProblem(await murat.GetAsync("/api/members?site=saint-flour"), HttpStatusCode.Forbidden, null);
        await AssertProblem(await murat.GetAsync("/api/sites/saint-flour/credentials"), HttpStatusCode.Forbidden, null);
        await AssertProblem(await murat.PostAsJsonAsync("/api/sites/saint-flour/commands", new Commands.CommandRequest { Name = "site.lockdown", On = true }, AdminHub.Json), HttpStatusCode.Forbidden, null);
        await AssertProblem(await murat.PostAsJsonAsync("/api/members", new MemberRequest { Id = "m-x", Name = "X", Sites = ["saint-flour"] }, AdminHub.Json), HttpStatusCode.Forbidden, null);
        await AssertProblem(await murat.PutAsJsonAsync("/api/members/m-mu", new MemberRequest { Name = "Anne", Sites = ["murat", "saint-flour"] }, AdminHub.Json), HttpStatusCode.Forbidden, null);
        await AssertProblem(await murat.GetAsync("/api/keys"), HttpStatusCode.Forbidden, null);

        // Their own centre works.
        Assert.Equal(HttpStatusCode.OK, (await murat.PostAsync("/api/badges/nfc:01020304/revoke", null)).StatusCode);
    }

    private async Task<AccessEventPage> Page(string path) =>
        (await _hub.Admin.GetFromJsonAsync<AccessEventPage>(path, AdminHub.Json))!;

    private static JournalBatchRecord Decision(long seq, DateTimeOffset at, string door, string credential, string? member, bool granted, string? reason = null, string? basis = null) => new()
    {
        Seq = seq,
        Kind = JournalRecordKind.AccessDecision,
        At = at,
        Mono = seq,
        Door = door,
        Reader = door + "-ext",
        Credential = credential,
        Member = member,
        Granted = granted,
        Reason = reason,
        Basis = basis,
    };
}
