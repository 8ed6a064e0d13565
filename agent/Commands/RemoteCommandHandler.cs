using System.Buffers;
using System.Text.Json;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Credentials;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Sync;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Protocol.Commands;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Commands;

/// <summary>
/// Executes the hub's commands (<c>sites/{site}/commands</c>): unlock a door once, switch the lockdown, resync
/// credentials, end a usage session (PC, copier, room) at staff's request. A command runs at most once per id (ids are persisted until expiry, and recorded BEFORE
/// running: a crash mid-command must not replay a door opening) and never after its expiry. Every command
/// ends in the journal as <see cref="JournalRecordKind.CommandExecuted"/> or <see cref="JournalRecordKind.CommandRefused"/>.
/// </summary>
public sealed class RemoteCommandHandler : IHubMessageHandler
{
    private readonly string _site;
    private readonly DoorSystem _doors;
    private readonly SeenCommandIds _seen;
    private readonly CredentialSyncHandler _credentials;
    private readonly IJournal _journal;
    private readonly TimeProvider _time;
    private readonly ILogger<RemoteCommandHandler> _logger;
    private readonly UsageSessionEnder? _usage;

    public RemoteCommandHandler(
        SiteConfiguration site,
        DoorSystem doors,
        AccessStoreDatabase database,
        CredentialSyncHandler credentials,
        IJournal journal,
        TimeProvider time,
        ILogger<RemoteCommandHandler> logger,
        UsageSessionEnder? usage = null)
    {
        _site = site.Id;
        _doors = doors;
        _seen = new SeenCommandIds(database);
        _credentials = credentials;
        _journal = journal;
        _time = time;
        _logger = logger;
        _usage = usage;
    }

    public string Leaf => MqttTopics.CommandsLeaf;

    public async Task HandleAsync(ReadOnlySequence<byte> payload, CancellationToken cancellationToken) =>
        await ExecuteAsync(payload, cancellationToken);

    /// <summary>Runs one command message; true when it was executed.</summary>
    public async Task<bool> ExecuteAsync(ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        CommandEnvelope? command;
        try
        {
            var reader = new Utf8JsonReader(payload);
            command = JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.CommandEnvelope);
        }
        catch (JsonException exception)
        {
            CredentialsLog.CommandMalformed(_logger, "malformed JSON: " + exception.Message);
            _journal.Append(new JournalEntry(JournalRecordKind.CommandRefused) { Detail = "malformed" });
            return false;
        }

        if (command is null || string.IsNullOrEmpty(command.Id) || command.Id.Length > 64)
        {
            CredentialsLog.CommandMalformed(_logger, "no command or no usable id");
            _journal.Append(new JournalEntry(JournalRecordKind.CommandRefused) { Detail = "malformed" });
            return false;
        }

        var now = _time.GetUtcNow();
        var refusal = command switch
        {
            { Schema: not ProtocolLimits.EnvelopeSchema } => $"schema {command.Schema}",
            _ when !string.Equals(command.Site, _site, StringComparison.Ordinal) => $"for site {command.Site}",
            _ when command.ExpiresAt <= now => "expired",
            _ when command.ExpiresAt - command.IssuedAt > CommandNames.MaxLifetime => "lifetime over 1 h",
            _ => null,
        };
        // Record before running, so even a crash mid-command cannot run it twice.
        if (refusal is null && !_seen.TryRecord(command.Id, command.ExpiresAt, now))
        {
            refusal = "replayed";
        }

        if (refusal is null)
        {
            refusal = command.Name switch
            {
                CommandNames.UnlockOnce => Unlock(command),
                CommandNames.Lockdown when command.Arguments?.On is { } on => Lockdown(command, on),
                CommandNames.Lockdown => "no 'on' argument",
                CommandNames.Resync => await ResyncAsync(cancellationToken),
                CommandNames.EndSession => await EndSessionAsync(command.Arguments, cancellationToken),
                _ => "unknown command",
            };
        }

        var detail = refusal is null ? $"{command.Name}:{command.Id}" : $"{command.Name}:{command.Id}:{refusal}";
        if (detail.Length > ProtocolLimits.MaxFieldLength)
        {
            detail = detail[..ProtocolLimits.MaxFieldLength];
        }

        _journal.Append(new JournalEntry(refusal is null ? JournalRecordKind.CommandExecuted : JournalRecordKind.CommandRefused)
        {
            DoorId = command.Name == CommandNames.UnlockOnce ? _doors.Find(command.Arguments?.Door ?? string.Empty)?.DoorId : null,
            Detail = detail,
        });
        if (refusal is null)
        {
            CredentialsLog.CommandExecuted(_logger, command.Id, command.Name);
        }
        else
        {
            CredentialsLog.CommandRefused(_logger, command.Id, command.Name, refusal);
        }

        return refusal is null;
    }

    private string? Unlock(CommandEnvelope command)
    {
        var door = _doors.Find(command.Arguments?.Door ?? string.Empty);
        if (door is null)
        {
            return $"unknown door '{command.Arguments?.Door}'";
        }

        // The same path as a badge grant: refused in lockdown, journaled by the door as unlocked/locked.
        return door.Grant() ? null : "door not released (lockdown or door system stopped)";
    }

    private string? Lockdown(CommandEnvelope command, bool on)
    {
        _doors.SetLockdown(on, "hub command " + command.Id);
        return null;
    }

    private async Task<string?> EndSessionAsync(CommandArguments? arguments, CancellationToken cancellationToken)
    {
        (string Kind, string? Id)[] named =
        [
            (UsageKinds.Pc, arguments?.Pc),
            (UsageKinds.Copier, arguments?.Copier),
            (UsageKinds.Room, arguments?.Room),
        ];
        var given = named.Where(n => !string.IsNullOrEmpty(n.Id)).ToArray();
        if (given.Length != 1)
        {
            return "exactly one of 'pc', 'copier', 'room' is required";
        }

        if (_usage is null)
        {
            return "usage tracking is not enabled on this site";
        }

        return await _usage.EndAsync(given[0].Kind, given[0].Id!, cancellationToken);
    }

    private async Task<string?> ResyncAsync(CancellationToken cancellationToken)
    {
        await _credentials.ReportVersionAsync(resync: true, cancellationToken);
        return null;
    }
}
