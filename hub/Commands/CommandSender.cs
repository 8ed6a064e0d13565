using System.Globalization;
using System.Text.Json;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Mqtt;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Protocol.Commands;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Cybercantal.Edge.Hub.Commands;

/// <summary>
/// Sends remote commands to a site (QoS 1, not retained, so a gateway's persistent session keeps them
/// across a short outage) and records each one. The gateway executes a command at most once per id and
/// never after its expiry; the outcome comes back in its journal (CommandExecuted / CommandRefused).
/// </summary>
public sealed class CommandSender
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    private readonly HubDatabase _database;
    private readonly HubOutbox _outbox;
    private readonly TimeProvider _time;
    private readonly ILogger<CommandSender> _logger;

    public CommandSender(HubDatabase database, HubOutbox outbox, TimeProvider time, ILogger<CommandSender> logger)
    {
        _database = database;
        _outbox = outbox;
        _time = time;
        _logger = logger;
    }

    public CommandEnvelope Send(ApiCaller caller, string site, CommandRequest request)
    {
        AdminValidation.Site("site", site);
        caller.Require(site);
        CommandArguments? arguments = request.Name switch
        {
            CommandNames.UnlockOnce => new CommandArguments { Door = AdminValidation.Id("door", request.Door) },
            CommandNames.Lockdown => new CommandArguments { On = request.On ?? throw AdminException.Invalid("on", "'on' (true or false) is required for site.lockdown.") },
            CommandNames.Resync => null,
            CommandNames.EndSession => EndSessionArguments(request),
            _ => throw AdminException.Invalid("name", $"'name' must be {CommandNames.UnlockOnce}, {CommandNames.Lockdown}, {CommandNames.Resync} or {CommandNames.EndSession} (got '{request.Name}')."),
        };
        var ttl = request.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultLifetime;
        if (ttl <= TimeSpan.Zero || ttl > CommandNames.MaxLifetime)
        {
            throw AdminException.Invalid("ttlSeconds", $"'ttlSeconds' must be between 1 and {CommandNames.MaxLifetime.TotalSeconds} (got {request.TtlSeconds}).");
        }

        var now = _time.GetUtcNow();
        var envelope = new CommandEnvelope
        {
            Id = Guid.NewGuid().ToString("N")[..16],
            Site = site,
            Name = request.Name!,
            IssuedAt = now,
            ExpiresAt = now + ttl,
            Arguments = arguments,
        };
        using (var connection = _database.OpenConnection())
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO commands (id, site, name, arguments, issued_at, expires_at, issued_by) VALUES ($id, $site, $name, $arguments, $issued, $expires, $by)";
            insert.Parameters.AddWithValue("$id", envelope.Id);
            insert.Parameters.AddWithValue("$site", site);
            insert.Parameters.AddWithValue("$name", envelope.Name);
            insert.Parameters.AddWithValue("$arguments", arguments is null ? DBNull.Value : JsonSerializer.Serialize(envelope, ProtocolJsonContext.Default.CommandEnvelope));
            insert.Parameters.AddWithValue("$issued", now.ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$expires", envelope.ExpiresAt.ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$by", caller.Name);
            insert.ExecuteNonQuery();
        }

        _outbox.Enqueue(new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.Commands(site))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(envelope, ProtocolJsonContext.Default.CommandEnvelope))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .Build());
        AdminLog.CommandSent(_logger, envelope.Id, envelope.Name, site, caller.Name, envelope.ExpiresAt);
        return envelope;
    }

    /// <summary>usage.end-session names exactly one session: a PC, a copier or a room (ids as in the site file).</summary>
    private static CommandArguments EndSessionArguments(CommandRequest request)
    {
        var given = new[] { request.Pc, request.Copier, request.Room }.Count(v => v is not null);
        if (given != 1)
        {
            throw AdminException.Invalid("pc", $"{CommandNames.EndSession} needs exactly one of 'pc', 'copier' or 'room' (got {given}).");
        }

        return request.Pc is not null ? new CommandArguments { Pc = AdminValidation.Id("pc", request.Pc) }
            : request.Copier is not null ? new CommandArguments { Copier = AdminValidation.Id("copier", request.Copier) }
            : new CommandArguments { Room = AdminValidation.Id("room", request.Room) };
    }
}
