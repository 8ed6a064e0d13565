using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Sync;
using Cybercantal.Edge.Protocol.Access;
using Cybercantal.Edge.Protocol.Credentials;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Credentials;

/// <summary>
/// Applies the hub's credential snapshots and deltas (<c>sites/{site}/credentials</c>) atomically: the rows
/// and the new version are written in one SQLite transaction, a new <see cref="AccessSnapshot"/> is built
/// from what that transaction sees, and only after the commit is it published to the decision engine. A
/// delta whose base is not the version this site runs is not applied: the site reports its version with
/// a resync request and the hub answers with a snapshot. Each outcome is journaled and the version run
/// is reported (retained) on <c>sites/{site}/credentials-version</c>.
/// </summary>
public sealed class CredentialSyncHandler : IHubMessageHandler
{
    private readonly string _site;
    private readonly AccessStoreDatabase _database;
    private readonly AccessStore _store;
    private readonly IHubPublisher _publisher;
    private readonly IJournal _journal;
    private readonly TimeProvider _time;
    private readonly ILogger<CredentialSyncHandler> _logger;
    private long _version = -1;

    public CredentialSyncHandler(
        SiteConfiguration site,
        AccessStoreDatabase database,
        AccessStore store,
        IHubPublisher publisher,
        IJournal journal,
        TimeProvider time,
        ILogger<CredentialSyncHandler> logger)
    {
        _site = site.Id;
        _database = database;
        _store = store;
        _publisher = publisher;
        _journal = journal;
        _time = time;
        _logger = logger;
    }

    public string Leaf => MqttTopics.CredentialsLeaf;

    /// <summary>The credential version this site runs (0 = never synchronised).</summary>
    public long CurrentVersion
    {
        get
        {
            if (Volatile.Read(ref _version) < 0)
            {
                Volatile.Write(ref _version, CredentialSyncState.ReadVersion(_database));
            }

            return Volatile.Read(ref _version);
        }
    }

    public async Task HandleAsync(ReadOnlySequence<byte> payload, CancellationToken cancellationToken) =>
        await ApplyAsync(payload, cancellationToken);

    /// <summary>Applies one message; see <see cref="CredentialApplyOutcome"/>.</summary>
    public async Task<CredentialApplyOutcome> ApplyAsync(ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        if (!TryRead(payload, out var envelope, out var problem))
        {
            return Refuse(problem);
        }

        var kind = envelope.Kind == CredentialsEnvelopeKind.Snapshot ? "snapshot" : "delta";
        var current = CurrentVersion;
        if (envelope.Version <= current)
        {
            CredentialsLog.Stale(_logger, kind, envelope.Version, current);
            return CredentialApplyOutcome.Stale;
        }

        if (envelope.Kind == CredentialsEnvelopeKind.Delta && envelope.BaseVersion != current)
        {
            CredentialsLog.BaseMismatch(_logger, envelope.BaseVersion ?? 0, envelope.Version, current);
            _journal.Append(new JournalEntry(JournalRecordKind.CredentialsRefused)
            {
                Detail = string.Create(CultureInfo.InvariantCulture, $"delta:v{envelope.Version}:base {envelope.BaseVersion} but running v{current}"),
            });
            await ReportVersionAsync(resync: true, cancellationToken);
            return CredentialApplyOutcome.ResyncRequested;
        }

        var stopwatch = Stopwatch.StartNew();
        AccessSnapshot snapshot;
        try
        {
            using var connection = _database.OpenConnection();
            using var transaction = connection.BeginTransaction();
            // Read again inside the write transaction: a local import may have run since the cached read.
            var stored = CredentialSyncState.ReadVersion(transaction);
            if (stored != current)
            {
                Volatile.Write(ref _version, stored);
                return Refuse($"the stored version changed from {current} to {stored} meanwhile; the next message decides");
            }

            Write(transaction, envelope);
            CredentialSyncState.WriteVersion(transaction, envelope.Version, _time.GetUtcNow());
            snapshot = AccessSnapshotLoader.Load(transaction);
            transaction.Commit();
        }
        catch (SqliteException exception)
        {
            CredentialsLog.StoreFailed(_logger, envelope.Version, exception);
            return Refuse($"{kind} v{envelope.Version} not stored: {exception.Message}");
        }
        catch (InvalidCredentialDataException exception)
        {
            return Refuse($"{kind} v{envelope.Version}: {exception.Message}");
        }

        Volatile.Write(ref _version, envelope.Version);
        _store.Publish(snapshot);
        var payloadData = envelope.Payload!;
        CredentialsLog.Applied(_logger, kind, envelope.Version, payloadData.Members.Count, payloadData.Removed?.Count ?? 0, stopwatch.ElapsedMilliseconds);
        _journal.Append(new JournalEntry(JournalRecordKind.CredentialsApplied)
        {
            Detail = string.Create(CultureInfo.InvariantCulture, $"{kind}:v{envelope.Version}"),
        });
        await ReportVersionAsync(resync: false, cancellationToken);
        return CredentialApplyOutcome.Applied;
    }

    /// <summary>Publishes the version this site runs (retained); with <paramref name="resync"/> the hub answers with a snapshot.</summary>
    public async Task ReportVersionAsync(bool resync, CancellationToken cancellationToken)
    {
        var report = new CredentialsVersionReport
        {
            Site = _site,
            Version = CurrentVersion,
            At = _time.GetUtcNow(),
            ResyncRequested = resync,
        };
        try
        {
            await _publisher.PublishAsync(
                MqttTopics.CredentialsVersionLeaf,
                JsonSerializer.SerializeToUtf8Bytes(report, ProtocolJsonContext.Default.CredentialsVersionReport),
                retain: true,
                cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            CredentialsLog.ReportFailed(_logger, exception);
        }
    }

    private CredentialApplyOutcome Refuse(string problem)
    {
        CredentialsLog.Refused(_logger, problem);
        _journal.Append(new JournalEntry(JournalRecordKind.CredentialsRefused) { Detail = Truncate(problem) });
        return CredentialApplyOutcome.Refused;
    }

    private bool TryRead(ReadOnlySequence<byte> payload, out CredentialsEnvelope envelope, out string problem)
    {
        envelope = null!;
        try
        {
            var reader = new Utf8JsonReader(payload);
            envelope = JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.CredentialsEnvelope)!;
        }
        catch (JsonException exception)
        {
            problem = "malformed JSON: " + exception.Message;
            return false;
        }

        problem = envelope switch
        {
            null => "empty message",
            { Schema: not ProtocolLimits.EnvelopeSchema } => $"schema {envelope.Schema} is not {ProtocolLimits.EnvelopeSchema}",
            _ when !string.Equals(envelope.Site, _site, StringComparison.Ordinal) => $"message for site '{envelope.Site}', this is '{_site}'",
            { Kind: not (CredentialsEnvelopeKind.Snapshot or CredentialsEnvelopeKind.Delta) } => $"unknown kind {envelope.Kind}",
            { Version: <= 0 } => $"version {envelope.Version} is not positive",
            { Kind: CredentialsEnvelopeKind.Delta, BaseVersion: null } => "a delta without baseVersion",
            { Payload: null } => "no payload",
            _ => string.Empty,
        };
        return problem.Length == 0;
    }

    private static void Write(SqliteTransaction transaction, CredentialsEnvelope envelope)
    {
        var payload = envelope.Payload!;
        if (envelope.Kind == CredentialsEnvelopeKind.Snapshot)
        {
            Run(transaction, "DELETE FROM bookings; DELETE FROM leases; DELETE FROM rights; DELETE FROM badges; DELETE FROM members;");
        }
        else
        {
            // Foreign keys cascade: removing a member removes its badges, rights, leases and bookings.
            foreach (var id in payload.Removed ?? [])
            {
                Run(transaction, "DELETE FROM members WHERE id = $p0", id);
            }

            foreach (var member in payload.Members)
            {
                Run(transaction, "DELETE FROM members WHERE id = $p0", member.Id);
            }
        }

        foreach (var member in payload.Members)
        {
            if (!AccessStoreFormat.TryParseMemberStatus(member.Status, out _))
            {
                throw new InvalidCredentialDataException($"member '{member.Id}': status '{member.Status}' is not active, suspended or expired");
            }

            Run(transaction, "INSERT INTO members (id, display_name, status, valid_from, valid_to, staff) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)",
                member.Id, member.Name, member.Status, AccessStoreFormat.Date(member.ValidFrom), AccessStoreFormat.Date(member.ValidTo), member.Staff ? 1 : 0);
            foreach (var badge in member.Badges)
            {
                if (!Credential.TryParse(badge.Credential, out var credential) || !AccessStoreFormat.TryParseBadgeState(badge.State, out _))
                {
                    throw new InvalidCredentialDataException($"member '{member.Id}': badge '{badge.Credential}' ({badge.State}) is not a credential with state active, revoked or lost");
                }

                // A badge handed over from a member this delta does not mention leaves that member.
                Run(transaction, "DELETE FROM badges WHERE credential = $p0", credential.ToString());
                Run(transaction, "INSERT INTO badges (credential, state, member_id) VALUES ($p0, $p1, $p2)", credential.ToString(), badge.State, member.Id);
            }

            foreach (var right in member.Rights)
            {
                if (right.Schedule is { } schedule && !RightSchedule.TryParse(schedule, out _, out var error, out _))
                {
                    throw new InvalidCredentialDataException($"member '{member.Id}': schedule '{schedule}' of zone '{right.Zone}': {error}");
                }

                Run(transaction, "INSERT INTO rights (member_id, zone, schedule, valid_from, valid_to) VALUES ($p0, $p1, $p2, $p3, $p4)",
                    member.Id, right.Zone, (object?)right.Schedule ?? DBNull.Value, AccessStoreFormat.Date(right.ValidFrom), AccessStoreFormat.Date(right.ValidTo));
            }

            foreach (var lease in member.Leases)
            {
                Run(transaction, "INSERT INTO leases (member_id, zone, start_date, end_date) VALUES ($p0, $p1, $p2, $p3)",
                    member.Id, lease.Zone, AccessStoreFormat.Date(lease.Start), AccessStoreFormat.Date(lease.End));
            }

            foreach (var booking in member.Bookings)
            {
                Run(transaction, "INSERT INTO bookings (member_id, zone, start_utc, end_utc) VALUES ($p0, $p1, $p2, $p3)",
                    member.Id, booking.Zone, AccessStoreFormat.Instant(booking.Start), AccessStoreFormat.Instant(booking.End));
            }
        }
    }

    private static void Run(SqliteTransaction transaction, string sql, params object[] values)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), values[i]);
        }

        command.ExecuteNonQuery();
    }

    private static string Truncate(string text) => text.Length <= ProtocolLimits.MaxFieldLength ? text : text[..ProtocolLimits.MaxFieldLength];
}
