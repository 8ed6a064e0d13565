using System.Net;
using System.Net.Http.Json;
using System.Text;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Tests.Support;
using Cybercantal.Edge.Protocol.Journal;
using static Cybercantal.Edge.Hub.Tests.Admin.AdminApiTests;

namespace Cybercantal.Edge.Hub.Tests.Admin;

public sealed class UsageRecordsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private AdminHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await AdminHub.StartAsync("murat", "saint-flour");
        await _hub.IngestAsync("murat",
            Record(1, JournalRecordKind.PcSessionStarted, Morning, "pc-os-01", "m-0042", "start=2026-11-26T08:00:00.000Z"),
            new JournalBatchRecord { Seq = 2, Kind = JournalRecordKind.AccessDecision, At = Morning.AddMinutes(1), Mono = 2, Door = "entree", Member = "m-0042", Granted = true },
            Record(3, JournalRecordKind.PcSessionEnded, Morning.AddHours(2), "pc-os-01", "m-0042",
                "reason=logout;start=2026-11-26T08:00:00.000Z;end=2026-11-26T10:05:30.000Z;seconds=7530"),
            Record(4, JournalRecordKind.CopierSessionEnded, Morning.AddHours(3), "copieur", "m-0042",
                "reason=badge-out;start=2026-11-26T10:58:00.000Z;end=2026-11-26T11:00:00.000Z;seconds=120;pages=14;counter-start=100;counter-end=114"),
            Record(5, JournalRecordKind.RoomNoShow, Morning.AddHours(4), null, "m-0007",
                "zone=salle-visio;booking-start=2026-11-26T11:50:00.000Z;booking-end=2026-11-26T13:00:00.000Z;released"),
            Record(6, JournalRecordKind.UsageFault, Morning.AddHours(5), "pc-os-99", "=cmd", "source=pc;fault=UnknownPc;message=no PC 'pc-os-99', check the hook"));
        await _hub.IngestAsync("saint-flour",
            Record(1, JournalRecordKind.PcSessionEnded, Morning.AddHours(1), "pc-b1-1", "m-0007",
                "reason=pc-unreachable;start=2026-11-26T08:00:00.000Z;end=2026-11-26T09:00:00.000Z;seconds=3600"));
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Usage_records_filter_by_site_kind_member_resource_and_time_newest_first_without_access_events()
    {
        var all = await Page("/api/usage/records");
        Assert.Equal([("murat", 6L), ("murat", 5L), ("murat", 4L), ("murat", 3L), ("saint-flour", 1L), ("murat", 1L)], all.Items.Select(r => (r.Site, r.Seq)));

        var ended = Assert.Single((await Page("/api/usage/records?site=murat&kind=pc-session-ended")).Items);
        Assert.Equal("pc-session-ended", ended.Kind);
        Assert.Equal("pc-os-01", ended.Resource);
        Assert.Equal(["reason", "start", "end", "seconds"], ended.Detail.Keys);
        Assert.Equal("7530", ended.Detail["seconds"]);

        Assert.Equal([5L, 1L], (await Page("/api/usage/records?member=m-0007")).Items.Select(r => r.Seq));
        Assert.Equal([4L], (await Page("/api/usage/records?resource=copieur")).Items.Select(r => r.Seq));
        var noShow = Assert.Single((await Page("/api/usage/records?kind=room-no-show")).Items);
        Assert.Equal(string.Empty, noShow.Detail["released"]);
        var window = await Page($"/api/usage/records?from={Uri.EscapeDataString(Morning.AddHours(1).ToString("O"))}&to={Uri.EscapeDataString(Morning.AddHours(3).ToString("O"))}");
        Assert.Equal([("murat", 3L), ("saint-flour", 1L)], window.Items.Select(r => (r.Site, r.Seq)));

        var first = await Page("/api/usage/records?size=4");
        var second = await Page("/api/usage/records?size=4&page=2");
        Assert.True(first.HasMore);
        Assert.False(second.HasMore);
        Assert.Equal(2, second.Items.Count);

        var bad = await AssertProblem(await _hub.Admin.GetAsync("/api/usage/records?kind=access-decision"), HttpStatusCode.BadRequest, null);
        Assert.Contains("pc-session-ended", bad.GetProperty("errors").GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
        await AssertProblem(await _hub.Admin.GetAsync("/api/usage/records?size=0"), HttpStatusCode.BadRequest, "'size' must be between 1 and 1000 (got 0).");
        await AssertProblem(await _hub.Admin.GetAsync("/api/usage/records?from=2026-11-27T00:00:00Z&to=2026-11-26T00:00:00Z"), HttpStatusCode.BadRequest, "'to' must be after 'from'.");
    }

    [Fact]
    public async Task Csv_has_french_labels_paris_times_durations_and_keeps_unknown_detail()
    {
        var response = await _hub.Admin.GetAsync("/api/usage/records/csv?site=murat");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var expected =
            "Date;Centre;Type;Ressource;Membre;Badge;Début;Fin;Durée;Pages;Motif;Détail\r\n" +
            "26/11/2026 14:00:00;murat;Signalement refusé;pc-os-99;'=cmd;;;;;;;\"source=pc;fault=UnknownPc;message=no PC 'pc-os-99', check the hook\"\r\n" +
            "26/11/2026 13:00:00;murat;Salle : réservation non honorée;;m-0007;;;;;;;\"zone=salle-visio;booking-start=2026-11-26T11:50:00.000Z;booking-end=2026-11-26T13:00:00.000Z;released\"\r\n" +
            "26/11/2026 12:00:00;murat;Copieur libéré;copieur;m-0042;;26/11/2026 11:58:00;26/11/2026 12:00:00;0:02:00;14;Badge de sortie;\"counter-start=100;counter-end=114\"\r\n" +
            "26/11/2026 11:00:00;murat;Session PC fermée;pc-os-01;m-0042;;26/11/2026 09:00:00;26/11/2026 11:05:30;2:05:30;;Déconnexion;\r\n" +
            "26/11/2026 09:00:00;murat;Session PC ouverte;pc-os-01;m-0042;;26/11/2026 09:00:00;;;;;\r\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public async Task A_manager_of_murat_sees_only_murat_usage()
    {
        using var murat = _hub.Manager("murat");

        var page = await murat.GetFromJsonAsync<UsageRecordPage>("/api/usage/records", AdminHub.Json);
        Assert.All(page!.Items, r => Assert.Equal("murat", r.Site));
        Assert.Equal(5, page.Items.Count);
        await AssertProblem(await murat.GetAsync("/api/usage/records?site=saint-flour"), HttpStatusCode.Forbidden, "API key 'manager murat' is not allowed on site 'saint-flour'.");
        await AssertProblem(await murat.GetAsync("/api/usage/records/csv?site=saint-flour"), HttpStatusCode.Forbidden, null);
        Assert.DoesNotContain("saint-flour", Encoding.UTF8.GetString(await murat.GetByteArrayAsync("/api/usage/records/csv")), StringComparison.Ordinal);
    }

    private async Task<UsageRecordPage> Page(string path) =>
        (await _hub.Admin.GetFromJsonAsync<UsageRecordPage>(path, AdminHub.Json))!;

    private static JournalBatchRecord Record(long seq, JournalRecordKind kind, DateTimeOffset at, string? resource, string? member, string detail) => new()
    {
        Seq = seq,
        Kind = kind,
        At = at,
        Mono = seq,
        Door = resource,
        Member = member,
        Detail = detail,
    };
}
