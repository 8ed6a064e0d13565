using System.Collections.Concurrent;
using System.Text.Json;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Mqtt;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Protocol.Credentials;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Cybercantal.Edge.Hub.Credentials;

/// <summary>
/// Per-site credential versions and their distribution. Every committed admin change bumps the version of
/// each site it concerns, in the same transaction, and yields one delta per site (the changed members'
/// whole entries, or their removal). Deltas go out at once (QoS 1, not retained); then the site's full
/// snapshot at its current version is published retained, so a gateway that was away, or whose session
/// expired, finds it on (re)subscription. A gateway whose report shows another version, or asks for a
/// resync, gets a fresh snapshot.
/// </summary>
public sealed class CredentialDistributor
{
    private readonly HubDatabase _database;
    private readonly HubOutbox _outbox;
    private readonly TimeProvider _time;
    private readonly ILogger<CredentialDistributor> _logger;
    private readonly HashSet<string> _snapshotPending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CredentialsVersionReport> _reports = new(StringComparer.Ordinal);

    public CredentialDistributor(HubDatabase database, HubOutbox outbox, TimeProvider time, ILogger<CredentialDistributor> logger)
    {
        _database = database;
        _outbox = outbox;
        _time = time;
        _logger = logger;
    }

    /// <summary>The last version report of each site.</summary>
    public IReadOnlyDictionary<string, CredentialsVersionReport> Reports => _reports;

    /// <summary>The hub's current credential version of a site (0 = never changed).</summary>
    public long CurrentVersion(string site)
    {
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        return SiteCredentialsReader.Version(transaction, site);
    }

    /// <summary>
    /// Inside the change's transaction: bumps the version of every site concerned by the touched members
    /// (their sites before the change, given, and after it, read now) and builds each site's delta.
    /// </summary>
    internal static List<CredentialDelta> PrepareDeltas(SqliteTransaction transaction, IReadOnlyDictionary<string, HashSet<string>> sitesBefore)
    {
        var perSite = new SortedDictionary<string, (List<CredentialMember> Members, List<string> Removed)>(StringComparer.Ordinal);
        foreach (var (memberId, before) in sitesBefore)
        {
            var after = SiteCredentialsReader.MemberSites(transaction, memberId);
            foreach (var site in before.Union(after))
            {
                if (!perSite.TryGetValue(site, out var change))
                {
                    change = ([], []);
                    perSite[site] = change;
                }

                if (after.Contains(site) && SiteCredentialsReader.ReadMember(transaction, memberId, site) is { } entry)
                {
                    change.Members.Add(entry);
                }
                else
                {
                    change.Removed.Add(memberId);
                }
            }
        }

        var deltas = new List<CredentialDelta>(perSite.Count);
        foreach (var (site, change) in perSite)
        {
            var version = SiteCredentialsReader.NextVersion(transaction, site);
            deltas.Add(new CredentialDelta(site, version, new CredentialsPayload
            {
                Members = change.Members,
                Removed = change.Removed.Count == 0 ? null : change.Removed,
            }));
        }

        return deltas;
    }

    /// <summary>After the commit, in version order: queues each delta, then a snapshot of each site.</summary>
    internal void Publish(IReadOnlyList<CredentialDelta> deltas)
    {
        var now = _time.GetUtcNow();
        foreach (var delta in deltas)
        {
            var envelope = new CredentialsEnvelope
            {
                Id = NewId(),
                Site = delta.Site,
                Kind = CredentialsEnvelopeKind.Delta,
                Version = delta.Version,
                BaseVersion = delta.Version - 1,
                IssuedAt = now,
                Payload = delta.Payload,
            };
            _outbox.Enqueue(Message(envelope, retain: false));
            AdminLog.DeltaQueued(_logger, delta.Site, delta.Version, delta.Payload.Members.Count, delta.Payload.Removed?.Count ?? 0);
        }

        foreach (var site in deltas.Select(d => d.Site).Distinct(StringComparer.Ordinal))
        {
            RequestSnapshot(site);
        }
    }

    /// <summary>Queues the site's snapshot; several requests before it is built make one publication.</summary>
    public void RequestSnapshot(string site)
    {
        lock (_snapshotPending)
        {
            if (!_snapshotPending.Add(site))
            {
                return;
            }
        }

        _outbox.EnqueueDeferred(() => BuildSnapshot(site));
    }

    /// <summary>Queues the snapshot of every site that has a version (the embedded broker loses retained messages on restart).</summary>
    public void RepublishAll()
    {
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        foreach (var site in SiteCredentialsReader.VersionedSites(transaction))
        {
            RequestSnapshot(site);
        }
    }

    /// <summary>A gateway's report on <c>sites/{site}/credentials-version</c>; bad ones are logged and ignored.</summary>
    public void OnVersionReport(string site, ReadOnlySpan<byte> payload)
    {
        CredentialsVersionReport? report;
        try
        {
            report = JsonSerializer.Deserialize(payload, ProtocolJsonContext.Default.CredentialsVersionReport);
        }
        catch (JsonException exception)
        {
            AdminLog.VersionReportRefused(_logger, site, "malformed JSON: " + exception.Message);
            return;
        }

        if (report is null || !string.Equals(report.Site, site, StringComparison.Ordinal))
        {
            AdminLog.VersionReportRefused(_logger, site, "missing or foreign site");
            return;
        }

        _reports[site] = report;
        var current = CurrentVersion(site);
        if (report.Version > current)
        {
            // The site runs a version this hub never issued (hub store restored from an older backup): move
            // past it, or the site would ignore every snapshot as stale.
            current = ForwardVersion(site, report.Version + 1);
        }

        if (report.ResyncRequested || (current > 0 && report.Version != current))
        {
            AdminLog.ResyncRequested(_logger, site, report.Version, current, report.ResyncRequested);
            RequestSnapshot(site);
        }
    }

    private long ForwardVersion(string site, long version)
    {
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO credential_versions (site, version) VALUES ($site, $version)
            ON CONFLICT (site) DO UPDATE SET version = max(version, excluded.version)
            RETURNING version
            """;
        command.Parameters.AddWithValue("$site", site);
        command.Parameters.AddWithValue("$version", version);
        var forwarded = (long)command.ExecuteScalar()!;
        transaction.Commit();
        return forwarded;
    }

    private MqttApplicationMessage? BuildSnapshot(string site)
    {
        lock (_snapshotPending)
        {
            _snapshotPending.Remove(site);
        }

        try
        {
            using var connection = _database.OpenConnection();
            using var transaction = connection.BeginTransaction(deferred: true);
            var version = SiteCredentialsReader.Version(transaction, site);
            if (version == 0)
            {
                return null;
            }

            var members = SiteCredentialsReader.ReadSite(transaction, site);
            AdminLog.SnapshotPublished(_logger, site, version, members.Count);
            return Message(new CredentialsEnvelope
            {
                Id = NewId(),
                Site = site,
                Kind = CredentialsEnvelopeKind.Snapshot,
                Version = version,
                IssuedAt = _time.GetUtcNow(),
                Payload = new CredentialsPayload { Members = members },
            }, retain: true);
        }
        catch (SqliteException exception)
        {
            AdminLog.SnapshotFailed(_logger, site, exception);
            return null;
        }
    }

    internal static string NewId() => Guid.NewGuid().ToString("N")[..16];

    private static MqttApplicationMessage Message(CredentialsEnvelope envelope, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.Credentials(envelope.Site))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(envelope, ProtocolJsonContext.Default.CredentialsEnvelope))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .WithContentType("application/json")
            .Build();
}
