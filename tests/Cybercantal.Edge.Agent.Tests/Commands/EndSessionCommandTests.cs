using System.Buffers;
using System.Device.Gpio;
using System.Text.Json;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Commands;
using Cybercantal.Edge.Agent.Credentials;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Doors;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Agent.Usage.Copiers;
using Cybercantal.Edge.Agent.Usage.Pcs;
using Cybercantal.Edge.Agent.Usage.Rooms;
using Cybercantal.Edge.Protocol.Commands;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Serialization;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Agent.Tests.Commands;

/// <summary>The hub's <c>usage.end-session</c> command against real PC, copier and room trackers.</summary>
public sealed class EndSessionCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly DoorRig _rig = new(start: AccessTestSite.Local(2026, 11, 30, 14, 0));
    private readonly SiteConfiguration _usageSite = UsageTestSite.Create();
    private readonly AccessStoreDatabase _database;
    private readonly UsageStateStore _state;
    private readonly GpioController _copierGpio;
    private readonly FakeCopierCounterReader _counter = new() { Counter = 1_000 };
    private readonly PcSessionTracker _pcs;
    private readonly CopierSessionManager _copiers;
    private readonly RoomUseTracker _rooms;
    private readonly RemoteCommandHandler _handler;

    public EndSessionCommandTests()
    {
        _database = AccessStoreDatabase.Open(_directory.File("access.db"));
        _state = new UsageStateStore(_directory.File("usage.db"));
        _copierGpio = new GpioController(new SimulatedGpioDriver(_rig.Time));
        var now = _rig.Time.GetUtcNow();
        var store = UsageTestSite.Store(new BookingRecord("SF-002", "salle-reunion", now, now.AddHours(1)));
        // The usage records go to the same journal as the command outcomes, as on a gateway.
        _pcs = new PcSessionTracker(_usageSite, store, _state, _rig.Journal, _rig.Time, NullLogger<PcSessionTracker>.Instance);
        _copiers = new CopierSessionManager(_usageSite, _copierGpio, _counter, _state, _rig.Journal, UsageTestSite.Options(), _rig.Time, NullLogger<CopierSessionManager>.Instance);
        _rooms = new RoomUseTracker(_usageSite, store, _state, _rig.Journal, UsageTestSite.Options(), _rig.Time, NullLogger<RoomUseTracker>.Instance);
        var credentials = new CredentialSyncHandler(_rig.Site, _database, new AccessStore(_database), new RecordingHubPublisher(), _rig.Journal, _rig.Time, NullLogger<CredentialSyncHandler>.Instance);
        _handler = new RemoteCommandHandler(_rig.Site, _rig.System, _database, credentials, _rig.Journal, _rig.Time, NullLogger<RemoteCommandHandler>.Instance,
            new UsageSessionEnder(_pcs, _copiers, _rooms));
    }

    public Task InitializeAsync() => _copiers.StartAsync(CancellationToken.None);

    public Task DisposeAsync() => _copiers.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _copiers.Dispose();
        _copierGpio.Dispose();
        _state.Dispose();
        _rig.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Ending_an_open_pc_session_journals_forced_by_staff_and_the_command_as_executed()
    {
        _pcs.Report(new PcSessionReport("pc-os-01", PcSessionEvent.Start, "SF-001"));
        _rig.Time.Advance(TimeSpan.FromMinutes(30));

        Assert.True(await _handler.ExecuteAsync(Command("e-1", new CommandArguments { Pc = "pc-os-01" }), default));

        var ended = UsageDetail.Parse(Assert.Single(_rig.Journal.OfKind(JournalRecordKind.PcSessionEnded)).Detail);
        Assert.Equal("forced-by-staff", ended["reason"]);
        Assert.Equal("usage.end-session:e-1", Assert.Single(_rig.Journal.OfKind(JournalRecordKind.CommandExecuted)).Detail);
        Assert.Empty(_state.Load(UsageKinds.Pc));
    }

    [Fact]
    public async Task Ending_a_copier_session_turns_the_relay_off_and_counts_the_pages()
    {
        await _copiers.HandleAsync(Decision("lecteur-copieur", null, UsageTestSite.Alice, "SF-001"), default);
        _counter.Counter += 12;
        _rig.Time.Advance(TimeSpan.FromMinutes(3));

        Assert.True(await _handler.ExecuteAsync(Command("e-2", new CommandArguments { Copier = "copieur" }), default));

        var ended = UsageDetail.Parse(Assert.Single(_rig.Journal.OfKind(JournalRecordKind.CopierSessionEnded)).Detail);
        Assert.Equal(("forced-by-staff", "12"), (ended["reason"], ended["pages"]));
        Assert.Empty(_copiers.OpenSessions);
    }

    [Fact]
    public async Task Ending_a_room_use_closes_it_as_forced_by_staff()
    {
        _rooms.OnDecided(Decision("lecteur-reunion", "porte-salle-reunion", UsageTestSite.Bruno, "SF-002"));
        _rig.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.True(await _handler.ExecuteAsync(Command("e-3", new CommandArguments { Room = "salle-reunion" }), default));

        var ended = UsageDetail.Parse(Assert.Single(_rig.Journal.OfKind(JournalRecordKind.RoomUseEnded)).Detail);
        Assert.Equal(("forced-by-staff", "600"), (ended["reason"], ended["seconds"]));
    }

    [Fact]
    public async Task Ending_a_pc_frees_its_desk_seat_with_or_without_a_session_behind_it()
    {
        _pcs.SeatTap(UsageTestSite.Decision(_usageSite, UsageTestSite.DeskReader, UsageTestSite.Alice, "SF-001", _rig.Time.GetUtcNow()));
        _rig.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(await _handler.ExecuteAsync(Command("e-4", new CommandArguments { Pc = "pc-os-01" }), default));

        var released = UsageDetail.Parse(Assert.Single(_rig.Journal.OfKind(JournalRecordKind.SeatReleased)).Detail);
        Assert.Equal(("forced-by-staff", "300"), (released["reason"], released["seconds"]));
        Assert.Empty(_pcs.Seats);
        Assert.Empty(_rig.Journal.OfKind(JournalRecordKind.PcSessionEnded));

        _pcs.SeatTap(UsageTestSite.Decision(_usageSite, UsageTestSite.DeskReader, UsageTestSite.Alice, "SF-001", _rig.Time.GetUtcNow()));
        _pcs.Report(new PcSessionReport("pc-os-01", PcSessionEvent.Start, null));
        _rig.Time.Advance(TimeSpan.FromMinutes(20));

        Assert.True(await _handler.ExecuteAsync(Command("e-5", new CommandArguments { Pc = "pc-os-01" }), default));

        var ended = UsageDetail.Parse(Assert.Single(_rig.Journal.OfKind(JournalRecordKind.PcSessionEnded)).Detail);
        Assert.Equal(("forced-by-staff", "1200"), (ended["reason"], ended["seconds"]));
        Assert.Equal(2, _rig.Journal.OfKind(JournalRecordKind.SeatReleased).Count);
        Assert.Empty(_pcs.Seats);
    }

    [Theory]
    [InlineData("pc", "pc-os-02", "no open session or seat on pc 'pc-os-02'")]
    [InlineData("pc", "pc-nowhere", "unknown pc 'pc-nowhere'")]
    [InlineData("copier", "copieur", "no open session on copier 'copieur'")]
    [InlineData("copier", "copieur-2", "unknown copier 'copieur-2'")]
    [InlineData("room", "salle-visio", "no open use of room 'salle-visio'")]
    [InlineData("room", "open-space", "unknown room 'open-space'")]
    [InlineData("none", "", "exactly one of 'pc', 'copier', 'room' is required")]
    public async Task Nothing_open_or_an_unknown_id_is_refused_with_the_reason(string kind, string id, string reason)
    {
        var arguments = kind switch
        {
            "pc" => new CommandArguments { Pc = id },
            "copier" => new CommandArguments { Copier = id },
            "room" => new CommandArguments { Room = id },
            _ => new CommandArguments(),
        };

        Assert.False(await _handler.ExecuteAsync(Command("e-x", arguments), default));

        Assert.Equal("usage.end-session:e-x:" + reason, Assert.Single(_rig.Journal.OfKind(JournalRecordKind.CommandRefused)).Detail);
    }

    [Fact]
    public async Task Two_ids_at_once_and_an_expired_command_are_refused_and_the_session_stays_open()
    {
        _pcs.Report(new PcSessionReport("pc-os-01", PcSessionEvent.Start, "SF-001"));
        var issued = _rig.Time.GetUtcNow() - TimeSpan.FromMinutes(5);

        Assert.False(await _handler.ExecuteAsync(Command("e-old", new CommandArguments { Pc = "pc-os-01" }, issued, issued.AddMinutes(2)), default));
        Assert.False(await _handler.ExecuteAsync(Command("e-two", new CommandArguments { Pc = "pc-os-01", Room = "salle-reunion" }), default));

        Assert.Equal(
            ["usage.end-session:e-old:expired", "usage.end-session:e-two:exactly one of 'pc', 'copier', 'room' is required"],
            _rig.Journal.OfKind(JournalRecordKind.CommandRefused).Select(e => e.Detail));
        Assert.Single(_state.Load(UsageKinds.Pc));
        Assert.Empty(_rig.Journal.OfKind(JournalRecordKind.PcSessionEnded));
    }

    [Fact]
    public async Task A_site_without_usage_tracking_refuses_the_command()
    {
        var credentials = new CredentialSyncHandler(_rig.Site, _database, new AccessStore(_database), new RecordingHubPublisher(), _rig.Journal, _rig.Time, NullLogger<CredentialSyncHandler>.Instance);
        var handler = new RemoteCommandHandler(_rig.Site, _rig.System, _database, credentials, _rig.Journal, _rig.Time, NullLogger<RemoteCommandHandler>.Instance);

        Assert.False(await handler.ExecuteAsync(Command("e-n", new CommandArguments { Pc = "pc-os-01" }), default));

        Assert.EndsWith("usage tracking is not enabled on this site", Assert.Single(_rig.Journal.OfKind(JournalRecordKind.CommandRefused)).Detail, StringComparison.Ordinal);
    }

    private BadgeDecision Decision(string readerId, string? doorId, Credential credential, string memberId)
    {
        var reader = _usageSite.Readers.Single(r => r.Id == readerId);
        var door = doorId is null ? null : _usageSite.Doors.Single(d => d.Id == doorId);
        var zone = _usageSite.Zones.Single(z => z.Id == (door?.ToZone ?? "reprographie"));
        return new BadgeDecision(reader, door, zone, credential, AccessDecision.Grant(0, GrantBasis.Booking), memberId, memberId, _rig.Time.GetUtcNow());
    }

    private ReadOnlySequence<byte> Command(string id, CommandArguments arguments, DateTimeOffset? issued = null, DateTimeOffset? expires = null)
    {
        var issuedAt = issued ?? _rig.Time.GetUtcNow();
        return new(JsonSerializer.SerializeToUtf8Bytes(new CommandEnvelope
        {
            Id = id,
            Site = _rig.Site.Id,
            Name = CommandNames.EndSession,
            IssuedAt = issuedAt,
            ExpiresAt = expires ?? issuedAt.AddMinutes(1),
            Arguments = arguments,
        }, ProtocolJsonContext.Default.CommandEnvelope));
    }
}
