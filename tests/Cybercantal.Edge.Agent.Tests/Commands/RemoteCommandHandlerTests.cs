using System.Buffers;
using System.Device.Gpio;
using System.Text.Json;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Commands;
using Cybercantal.Edge.Agent.Credentials;
using Cybercantal.Edge.Agent.Tests.Doors;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Protocol.Commands;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Serialization;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Agent.Tests.Commands;

public sealed class RemoteCommandHandlerTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly DoorRig _rig = new();
    private readonly AccessStoreDatabase _database;
    private readonly RecordingHubPublisher _publisher = new();

    public RemoteCommandHandlerTests() => _database = AccessStoreDatabase.Open(_directory.File("access.db"));

    [Fact]
    public async Task Remote_unlock_releases_the_strike_and_is_journaled()
    {
        Assert.True(await Handler().ExecuteAsync(Command("c-1", CommandNames.UnlockOnce, new CommandArguments { Door = "entree" }), default));

        Assert.Equal(PinValue.High, _rig.StrikeLevel(DoorRig.EntreeStrike));
        var executed = _rig.Journal.OfKind(JournalRecordKind.CommandExecuted).Single();
        Assert.Equal("door.unlock-once:c-1", executed.Detail);
        Assert.Equal("entree", executed.DoorId);

        // Relocks after the strike time, like a badge grant.
        _rig.Time.Advance(DoorRig.UnlockTime);
        Assert.Equal(PinValue.Low, _rig.StrikeLevel(DoorRig.EntreeStrike));
    }

    [Fact]
    public async Task Lockdown_on_and_off_switch_the_site_and_name_the_command()
    {
        var handler = Handler();

        Assert.True(await handler.ExecuteAsync(Command("c-on", CommandNames.Lockdown, new CommandArguments { On = true }), default));
        Assert.True(_rig.System.IsLockdown);
        // A remote unlock during lockdown is refused by the door.
        Assert.False(await handler.ExecuteAsync(Command("c-unlock", CommandNames.UnlockOnce, new CommandArguments { Door = "entree" }), default));
        Assert.Equal(PinValue.Low, _rig.StrikeLevel(DoorRig.EntreeStrike));

        Assert.True(await handler.ExecuteAsync(Command("c-off", CommandNames.Lockdown, new CommandArguments { On = false }), default));
        Assert.False(_rig.System.IsLockdown);

        Assert.Equal(
            ["on:hub command c-on", "off:hub command c-off"],
            _rig.Journal.OfKind(JournalRecordKind.LockdownChanged).Select(e => e.Detail));
        Assert.Equal(["site.lockdown:c-on", "site.lockdown:c-off"], _rig.Journal.OfKind(JournalRecordKind.CommandExecuted).Select(e => e.Detail));
        Assert.StartsWith("door.unlock-once:c-unlock:door not released", _rig.Journal.OfKind(JournalRecordKind.CommandRefused).Single().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_command_is_refused_and_the_door_stays_locked()
    {
        var issued = _rig.Now - TimeSpan.FromMinutes(5);
        var command = Command("c-old", CommandNames.UnlockOnce, new CommandArguments { Door = "entree" }, issued, issued + TimeSpan.FromMinutes(2));

        Assert.False(await Handler().ExecuteAsync(command, default));

        Assert.Equal(PinValue.Low, _rig.StrikeLevel(DoorRig.EntreeStrike));
        Assert.Equal("door.unlock-once:c-old:expired", _rig.Journal.OfKind(JournalRecordKind.CommandRefused).Single().Detail);
    }

    [Fact]
    public async Task Replayed_command_id_is_refused_even_after_a_restart()
    {
        var command = Command("c-2", CommandNames.UnlockOnce, new CommandArguments { Door = "entree" });
        Assert.True(await Handler().ExecuteAsync(command, default));
        _rig.Time.Advance(DoorRig.UnlockTime);

        Assert.False(await Handler().ExecuteAsync(command, default));

        Assert.Equal(PinValue.Low, _rig.StrikeLevel(DoorRig.EntreeStrike));
        Assert.Equal("door.unlock-once:c-2:replayed", _rig.Journal.OfKind(JournalRecordKind.CommandRefused).Single().Detail);
    }

    [Theory]
    [InlineData("door.unlock-once", "nowhere", "unknown door 'nowhere'")]
    [InlineData("door.self-destruct", null, "unknown command")]
    public async Task Unknown_door_or_command_is_refused(string name, string? door, string reason)
    {
        Assert.False(await Handler().ExecuteAsync(Command("c-x", name, new CommandArguments { Door = door }), default));

        Assert.EndsWith(reason, _rig.Journal.OfKind(JournalRecordKind.CommandRefused).Single().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_for_another_site_or_with_a_long_lifetime_is_refused()
    {
        var handler = Handler();
        var foreign = JsonSerializer.SerializeToUtf8Bytes(new CommandEnvelope
        {
            Id = "c-f",
            Site = "murat",
            Name = CommandNames.Lockdown,
            IssuedAt = _rig.Now,
            ExpiresAt = _rig.Now.AddMinutes(1),
            Arguments = new CommandArguments { On = true },
        }, ProtocolJsonContext.Default.CommandEnvelope);

        Assert.False(await handler.ExecuteAsync(new ReadOnlySequence<byte>(foreign), default));
        Assert.False(await handler.ExecuteAsync(Command("c-long", CommandNames.Lockdown, new CommandArguments { On = true }, _rig.Now, _rig.Now.AddHours(2)), default));
        Assert.False(await handler.ExecuteAsync(new ReadOnlySequence<byte>("{oops"u8.ToArray()), default));

        Assert.False(_rig.System.IsLockdown);
        Assert.Equal(3, _rig.Journal.OfKind(JournalRecordKind.CommandRefused).Count);
    }

    [Fact]
    public async Task Resync_reports_the_version_with_a_resync_request()
    {
        Assert.True(await Handler().ExecuteAsync(Command("c-r", CommandNames.Resync, null), default));

        var report = _publisher.VersionReports.Single();
        Assert.True(report.ResyncRequested);
        Assert.Equal(0, report.Version);
    }

    public void Dispose()
    {
        _rig.Dispose();
        _directory.Dispose();
    }

    private RemoteCommandHandler Handler()
    {
        var credentials = new CredentialSyncHandler(_rig.Site, _database, new AccessStore(_database), _publisher, _rig.Journal, _rig.Time, NullLogger<CredentialSyncHandler>.Instance);
        return new RemoteCommandHandler(_rig.Site, _rig.System, _database, credentials, _rig.Journal, _rig.Time, NullLogger<RemoteCommandHandler>.Instance);
    }

    private ReadOnlySequence<byte> Command(string id, string name, CommandArguments? arguments, DateTimeOffset? issued = null, DateTimeOffset? expires = null)
    {
        var issuedAt = issued ?? _rig.Now;
        return new(JsonSerializer.SerializeToUtf8Bytes(new CommandEnvelope
        {
            Id = id,
            Site = _rig.Site.Id,
            Name = name,
            IssuedAt = issuedAt,
            ExpiresAt = expires ?? issuedAt.AddMinutes(1),
            Arguments = arguments,
        }, ProtocolJsonContext.Default.CommandEnvelope));
    }
}
