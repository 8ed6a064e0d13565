using System.Buffers;
using System.Text;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Credentials;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Cybercantal.Edge.Agent.Tests.Credentials.CredentialMessages;

namespace Cybercantal.Edge.Agent.Tests.Credentials;

public sealed class CredentialSyncHandlerTests : IDisposable
{
    private const string Anne = "nfc:04A1B2C3D4E5F6";
    private const string Bruno = "wiegand26:12:3456";

    /// <summary>Tuesday 1 December 2026, 10:00 in Saint-Flour: open.</summary>
    private static readonly DateTimeOffset Now = AccessTestSite.Local(2026, 12, 1, 10, 0);

    private readonly TemporaryDirectory _directory = new();
    private readonly SiteConfiguration _site = AccessTestSite.Create();
    private readonly AccessStoreDatabase _database;
    private readonly AccessStore _store;
    private readonly AccessDecisionEngine _engine;
    private readonly RecordingHubPublisher _publisher = new();
    private readonly RecordingJournal _journal = new();
    private readonly FakeTimeProvider _time = new(Now);

    public CredentialSyncHandlerTests()
    {
        _database = AccessStoreDatabase.Open(_directory.File("access.db"));
        _store = new AccessStore(_database);
        _engine = new AccessDecisionEngine(_site, _store);
    }

    [Fact]
    public async Task Snapshot_then_delta_revoking_a_badge_denies_it_and_reports_each_version()
    {
        var handler = Handler();

        Assert.Equal(CredentialApplyOutcome.Applied, await handler.ApplyAsync(Snapshot("saint-flour", 1, Member("m-1", Anne), Member("m-2", Bruno)), default));
        Assert.True(Decide(Anne).Granted);
        Assert.True(Decide(Bruno, "accueil").Granted);

        Assert.Equal(CredentialApplyOutcome.Applied, await handler.ApplyAsync(Delta("saint-flour", 1, 2, [Member("m-1", Anne, badgeState: "revoked")]), default));
        var decision = Decide(Anne);
        Assert.False(decision.Granted);
        Assert.Equal(DenyReason.BadgeRevoked, decision.Reason);
        Assert.True(Decide(Bruno, "accueil").Granted);

        Assert.Equal([1L, 2L], _publisher.VersionReports.Select(r => r.Version));
        Assert.All(_publisher.VersionReports, r => Assert.False(r.ResyncRequested));
        Assert.All(_publisher.Messages, m => Assert.True(m.Retain));
        Assert.Equal(["snapshot:v1", "delta:v2"], _journal.OfKind(JournalRecordKind.CredentialsApplied).Select(e => e.Detail));
    }

    [Fact]
    public async Task Delta_removing_a_member_forgets_their_badges()
    {
        var handler = Handler();
        await handler.ApplyAsync(Snapshot("saint-flour", 4, Member("m-1", Anne), Member("m-2", Bruno)), default);

        Assert.Equal(CredentialApplyOutcome.Applied, await handler.ApplyAsync(Delta("saint-flour", 4, 5, [], ["m-2"]), default));

        Assert.Equal(DenyReason.UnknownBadge, Decide(Bruno, "accueil").Reason);
        Assert.True(Decide(Anne).Granted);
    }

    [Fact]
    public async Task Delta_on_a_foreign_base_is_not_applied_and_asks_for_a_resync()
    {
        var handler = Handler();
        await handler.ApplyAsync(Snapshot("saint-flour", 1, Member("m-1", Anne)), default);

        var outcome = await handler.ApplyAsync(Delta("saint-flour", 2, 3, [Member("m-1", Anne, badgeState: "revoked")]), default);

        Assert.Equal(CredentialApplyOutcome.ResyncRequested, outcome);
        Assert.Equal(1, handler.CurrentVersion);
        Assert.True(Decide(Anne).Granted);
        var report = _publisher.VersionReports[^1];
        Assert.True(report.ResyncRequested);
        Assert.Equal(1, report.Version);
        Assert.Equal("saint-flour", report.Site);
        Assert.Contains("base 2 but running v1", _journal.OfKind(JournalRecordKind.CredentialsRefused).Single().Detail, StringComparison.Ordinal);

        // The hub answers with a snapshot, which applies whatever the site ran.
        Assert.Equal(CredentialApplyOutcome.Applied, await handler.ApplyAsync(Snapshot("saint-flour", 3, Member("m-1", Anne, badgeState: "revoked")), default));
        Assert.False(Decide(Anne).Granted);
    }

    [Fact]
    public async Task Older_or_equal_versions_are_ignored()
    {
        var handler = Handler();
        await handler.ApplyAsync(Snapshot("saint-flour", 5, Member("m-1", Anne, badgeState: "revoked")), default);

        Assert.Equal(CredentialApplyOutcome.Stale, await handler.ApplyAsync(Snapshot("saint-flour", 4, Member("m-1", Anne)), default));
        Assert.Equal(CredentialApplyOutcome.Stale, await handler.ApplyAsync(Delta("saint-flour", 4, 5, [Member("m-1", Anne)]), default));

        Assert.False(Decide(Anne).Granted);
    }

    [Fact]
    public async Task A_bad_row_refuses_the_whole_message_and_changes_nothing()
    {
        var handler = Handler();
        await handler.ApplyAsync(Snapshot("saint-flour", 1, Member("m-1", Anne)), default);
        var before = _store.Current;

        var bad = Member("m-3", "nfc:XYZ");
        var outcome = await handler.ApplyAsync(Delta("saint-flour", 1, 2, [Member("m-1", Anne, badgeState: "revoked"), bad]), default);

        Assert.Equal(CredentialApplyOutcome.Refused, outcome);
        Assert.Same(before, _store.Current);
        Assert.Equal(1, handler.CurrentVersion);
        Assert.True(AccessSnapshot.Load(_database).TryFindBadge(Credential.Parse(Anne), out _, out var state));
        Assert.Equal(BadgeState.Active, state);
        Assert.Contains("nfc:XYZ", _journal.OfKind(JournalRecordKind.CredentialsRefused).Single().Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"schema\":1,\"id\":\"x\",\"site\":\"murat\",\"kind\":\"snapshot\",\"version\":1,\"issuedAt\":\"2026-11-26T09:00:00Z\",\"payload\":{\"members\":[]}}")]
    [InlineData("{\"schema\":2,\"id\":\"x\",\"site\":\"saint-flour\",\"kind\":\"snapshot\",\"version\":1,\"issuedAt\":\"2026-11-26T09:00:00Z\",\"payload\":{\"members\":[]}}")]
    [InlineData("{\"schema\":1,\"id\":\"x\",\"site\":\"saint-flour\",\"kind\":\"delta\",\"version\":2,\"issuedAt\":\"2026-11-26T09:00:00Z\",\"payload\":{\"members\":[]}}")]
    public async Task Malformed_or_foreign_messages_are_refused_without_throwing(string json)
    {
        var handler = Handler();

        await handler.HandleAsync(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), default);

        Assert.Equal(0, handler.CurrentVersion);
        Assert.Single(_journal.OfKind(JournalRecordKind.CredentialsRefused));
    }

    [Fact]
    public async Task Version_and_rows_survive_a_restart()
    {
        await Handler().ApplyAsync(Snapshot("saint-flour", 7, Member("m-1", Anne, badgeState: "lost")), default);

        var restarted = Handler();
        var reloaded = new AccessStore(_database);
        Assert.True(reloaded.Reload());

        Assert.Equal(7, restarted.CurrentVersion);
        Assert.Equal(DenyReason.BadgeLost, new AccessDecisionEngine(_site, reloaded).Decide(Credential.Parse(Anne), _site.DoorTo("open-space"), Now).Reason);
        Assert.Equal(CredentialApplyOutcome.Applied, await restarted.ApplyAsync(Delta("saint-flour", 7, 8, [Member("m-1", Anne)]), default));
    }

    [Fact]
    public async Task Rights_leases_and_bookings_reach_the_decision_engine()
    {
        var member = Member("m-1", Anne) with
        {
            Leases = [new Protocol.Credentials.CredentialLease("bureau-1", new DateOnly(2026, 11, 1))],
            Bookings = [new Protocol.Credentials.CredentialBooking("salle-visio", Now.AddMinutes(-30), Now.AddMinutes(30))],
        };
        await Handler().ApplyAsync(Snapshot("saint-flour", 1, member), default);

        Assert.Equal(GrantBasis.Lease, Decide(Anne, "bureau-1").Basis);
        Assert.Equal(GrantBasis.Booking, Decide(Anne, "salle-visio").Basis);
        Assert.False(Decide(Anne, "bureau-2").Granted);
    }

    public void Dispose() => _directory.Dispose();

    private CredentialSyncHandler Handler() =>
        new(_site, _database, _store, _publisher, _journal, _time, NullLogger<CredentialSyncHandler>.Instance);

    private AccessDecision Decide(string credential, string zone = "open-space") =>
        _engine.Decide(Credential.Parse(credential), _site.DoorTo(zone), Now);
}
