using System.Net;
using System.Text;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Agent.Usage.Pcs;
using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Agent.Tests.Usage;

public sealed class PcSessionEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly PcEndpointHarness _pc = new();
    private readonly HttpClient _client = new();

    public PcSessionEndpointTests() => _client.BaseAddress = new Uri(_pc.Gateway + "/");

    public Task InitializeAsync() => _pc.StartAsync();

    public Task DisposeAsync() => _pc.StopAsync();

    public void Dispose()
    {
        _client.Dispose();
        _pc.Dispose();
    }

    [Fact]
    public async Task A_start_naming_only_the_pc_goes_to_the_seat_holder_over_http()
    {
        var refused = await PostAsync("""{"pc":"pc-os-01","event":"start"}""");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);

        _pc.Tracker.SeatTap(UsageTestSite.Decision(UsageTestSite.Create(), UsageTestSite.DeskReader, UsageTestSite.Bruno, "SF-002", _pc.Time.GetUtcNow()));
        var start = await PostAsync("""{"pc":"pc-os-01","event":"start"}""");

        Assert.Equal(HttpStatusCode.OK, start.Status);
        Assert.Contains("SF-002", start.Body, StringComparison.Ordinal);
        Assert.Equal("SF-002", Assert.Single(_pc.Journal.OfKind(JournalRecordKind.PcSessionStarted)).MemberId);
    }

    [Fact]
    public async Task A_login_then_a_logout_over_http_journal_one_session_with_its_real_duration()
    {
        var start = await PostAsync("""{"pc":"pc-os-01","member":"SF-001","event":"start"}""");
        Assert.Equal(HttpStatusCode.OK, start.Status);
        Assert.Contains("\"started\"", start.Body, StringComparison.Ordinal);
        _pc.Time.Advance(TimeSpan.FromMinutes(95));

        var end = await PostAsync("""{"pc":"pc-os-01","event":"end"}""");

        Assert.Equal(HttpStatusCode.OK, end.Status);
        var started = Assert.Single(_pc.Journal.OfKind(JournalRecordKind.PcSessionStarted));
        Assert.Equal(("pc-os-01", "SF-001"), (started.DoorId, started.MemberId));
        var ended = Assert.Single(_pc.Journal.OfKind(JournalRecordKind.PcSessionEnded));
        var detail = UsageDetail.Parse(ended.Detail);
        Assert.Equal(("logout", "5700", "SF-001"), (detail["reason"], detail["seconds"], ended.MemberId));
        Assert.Empty(_pc.Tracker.OpenSessions);
        Assert.Empty(_pc.State.Load(UsageKinds.Pc));
    }

    [Fact]
    public async Task A_badge_credential_identifies_the_member_and_an_idle_logoff_ends_as_idle_timeout()
    {
        var start = await PostAsync("""{"pc":"pc-os-02","credential":"nfc:0402","event":"login"}""");
        Assert.Equal(HttpStatusCode.OK, start.Status);
        Assert.Contains("SF-002", start.Body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("""{"pc":"pc-os-02","event":"idle"}""")).Status);

        var ended = Assert.Single(_pc.Journal.OfKind(JournalRecordKind.PcSessionEnded));
        Assert.Equal(("idle-timeout", "SF-002", UsageTestSite.Bruno), (UsageDetail.Parse(ended.Detail)["reason"], ended.MemberId, ended.Credential));
    }

    [Fact]
    public async Task An_unknown_pc_is_refused_with_404_and_journaled_as_a_usage_fault_and_nothing_else_changes()
    {
        await PostAsync("""{"pc":"pc-os-01","member":"SF-001","event":"start"}""");

        var response = await PostAsync("""{"pc":"pc-inconnu","member":"SF-002","event":"start"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Contains("pc-inconnu", response.Body, StringComparison.Ordinal);
        var fault = Assert.Single(_pc.Journal.OfKind(JournalRecordKind.UsageFault));
        Assert.Equal("UnknownPc", UsageDetail.Parse(fault.Detail)["fault"]);
        Assert.Equal("SF-001", Assert.Single(_pc.Tracker.OpenSessions).Value.MemberId);
        Assert.Empty(_pc.Journal.OfKind(JournalRecordKind.PcSessionEnded));
    }

    [Theory]
    [InlineData("""{"pc":"pc-os-01","member":"SF-999","event":"start"}""", HttpStatusCode.UnprocessableEntity, "SF-999")]
    [InlineData("""{"pc":"pc-os-01","credential":"nfc:0BADC0DE","event":"start"}""", HttpStatusCode.UnprocessableEntity, "nfc:0BADC0DE")]
    [InlineData("""{"pc":"pc-os-01","credential":"pas un badge","event":"start"}""", HttpStatusCode.BadRequest, "pas un badge")]
    [InlineData("""{"pc":"pc-os-01","event":"start"}""", HttpStatusCode.BadRequest, "'member' or 'credential'")]
    public async Task An_unknown_member_or_badge_is_refused_and_journaled(string body, HttpStatusCode status, string named)
    {
        var response = await PostAsync(body);

        Assert.Equal(status, response.Status);
        Assert.Contains(named, response.Body, StringComparison.Ordinal);
        Assert.Single(_pc.Journal.OfKind(JournalRecordKind.UsageFault));
        Assert.Empty(_pc.Tracker.OpenSessions);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"pc":"pc-os-01","event":"reboot"}""", "'event' is 'reboot'")]
    [InlineData("""["pc-os-01"]""", "JSON object")]
    [InlineData("""{"pc":42,"event":"start"}""", "must be strings")]
    public async Task A_malformed_request_is_a_400_naming_the_problem(string body, string problem)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(problem, response.Body, StringComparison.Ordinal);
        Assert.Empty(_pc.Tracker.OpenSessions);
    }

    [Fact]
    public async Task A_logout_with_no_open_session_is_a_409_and_other_paths_and_methods_are_refused()
    {
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync("""{"pc":"pc-os-01","event":"end"}""")).Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await _client.GetAsync(new Uri(PcSessionEndpoint.SessionsPath, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(new Uri("/autre", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri(PcSessionEndpoint.HealthPath, UriKind.Relative))).StatusCode);
        Assert.Empty(_pc.Journal.OfKind(JournalRecordKind.PcSessionEnded));
    }

    [Fact]
    public async Task A_new_login_on_a_busy_pc_closes_the_previous_session_as_superseded()
    {
        await PostAsync("""{"pc":"pc-os-01","member":"SF-001","event":"start"}""");
        _pc.Time.Advance(TimeSpan.FromMinutes(10));

        await PostAsync("""{"pc":"pc-os-01","member":"SF-003","event":"start"}""");

        var ended = Assert.Single(_pc.Journal.OfKind(JournalRecordKind.PcSessionEnded));
        Assert.Equal(("superseded", "600", "SF-001"), (UsageDetail.Parse(ended.Detail)["reason"], UsageDetail.Parse(ended.Detail)["seconds"], ended.MemberId));
        Assert.Equal("SF-003", Assert.Single(_pc.Tracker.OpenSessions).Value.MemberId);
        Assert.Equal("SF-003", Assert.Single(_pc.State.Load(UsageKinds.Pc)).MemberId);
    }

    [Fact]
    public async Task The_shipped_linux_hook_script_reports_a_login_and_a_logout_with_curl()
    {
        await RunHookAsync("start", "SF-002");
        Assert.Equal("SF-002", Assert.Single(_pc.Tracker.OpenSessions).Value.MemberId);
        _pc.Time.Advance(TimeSpan.FromMinutes(3));

        await RunHookAsync("end", "SF-002");

        var ended = Assert.Single(_pc.Journal.OfKind(JournalRecordKind.PcSessionEnded));
        Assert.Equal(("pc-os-02", "logout"), (ended.DoorId, UsageDetail.Parse(ended.Detail)["reason"]));
    }

    private async Task RunHookAsync(string hookEvent, string member)
    {
        var start = new System.Diagnostics.ProcessStartInfo("sh")
        {
            ArgumentList = { RepositoryFiles.Find("deploy/hooks/cybercantal-pc-session.sh"), hookEvent, member },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CYBERCANTAL_PC_SESSION_CONF"] = "/nonexistent";
        start.Environment["CYBERCANTAL_GATEWAY"] = _client.BaseAddress!.ToString().TrimEnd('/');
        start.Environment["CYBERCANTAL_PC_ID"] = "pc-os-02";
        using var process = System.Diagnostics.Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri(PcSessionEndpoint.SessionsPath, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
