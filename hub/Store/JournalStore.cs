using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Hub.Store;

/// <summary>
/// The journal table's single writer. <see cref="Commit"/> stores a group of batches (possibly from many
/// sites) in ONE transaction: <c>INSERT OR IGNORE</c> on the (site, seq) key makes a resent record a no-op,
/// and each touched site's contiguous prefix is advanced and saved in the same transaction, so the progress
/// never claims a record that is not on disk. Not thread-safe: one caller at a time (the ingest loop).
/// </summary>
public sealed class JournalStore : IDisposable
{
    private const int AdvanceChunk = 4096;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _p;
    private readonly Dictionary<string, SiteProgress> _progress = new(StringComparer.Ordinal);
    private readonly Lock _progressLock = new();

    public JournalStore(HubDatabase database)
    {
        _connection = database.OpenConnection();
        _insert = _connection.CreateCommand();
        _insert.CommandText = """
            INSERT OR IGNORE INTO journal
            (site, seq, kind, at_us, mono, door, reader, credential, member, granted, reason, basis, detail, received_us)
            VALUES ($site, $seq, $kind, $at, $mono, $door, $reader, $credential, $member, $granted, $reason, $basis, $detail, $received)
            """;
        string[] names = ["$site", "$seq", "$kind", "$at", "$mono", "$door", "$reader", "$credential", "$member", "$granted", "$reason", "$basis", "$detail", "$received"];
        _p = new SqliteParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            _p[i] = _insert.Parameters.Add(new SqliteParameter { ParameterName = names[i] });
        }

        using var load = _connection.CreateCommand();
        load.CommandText = "SELECT site, committed_through, highest_stored FROM site_progress";
        using var reader = load.ExecuteReader();
        while (reader.Read())
        {
            _progress[reader.GetString(0)] = new SiteProgress(reader.GetInt64(1), reader.GetInt64(2));
        }
    }

    /// <summary>A copy of the progress of every site that ever sent a record, as committed (thread-safe).</summary>
    public IReadOnlyDictionary<string, SiteProgress> Progress
    {
        get
        {
            lock (_progressLock)
            {
                return new Dictionary<string, SiteProgress>(_progress, StringComparer.Ordinal);
            }
        }
    }

    public SiteProgress ProgressOf(string site)
    {
        lock (_progressLock)
        {
            return _progress.GetValueOrDefault(site);
        }
    }

    /// <summary>
    /// Stores the batches and returns the new progress of each touched site and the number of records
    /// actually inserted (duplicates excluded). On any exception nothing is stored and progress is unchanged.
    /// </summary>
    public JournalCommit Commit(IReadOnlyList<JournalBatch> batches, DateTimeOffset receivedAt)
    {
        var received = ToUnixMicroseconds(receivedAt);
        var touched = new Dictionary<string, SiteProgress>(StringComparer.Ordinal);
        var inserted = 0;
        using var transaction = _connection.BeginTransaction();
        _insert.Transaction = transaction;
        foreach (var batch in batches)
        {
            var site = batch.Site;
            if (!touched.TryGetValue(site, out var progress))
            {
                progress = ProgressOf(site);
            }

            _p[0].Value = site;
            _p[13].Value = received;
            foreach (var record in batch.Records)
            {
                _p[1].Value = record.Seq;
                _p[2].Value = (long)record.Kind;
                _p[3].Value = ToUnixMicroseconds(record.At);
                _p[4].Value = record.Mono;
                _p[5].Value = (object?)record.Door ?? DBNull.Value;
                _p[6].Value = (object?)record.Reader ?? DBNull.Value;
                _p[7].Value = (object?)record.Credential ?? DBNull.Value;
                _p[8].Value = (object?)record.Member ?? DBNull.Value;
                _p[9].Value = record.Granted is { } granted ? (granted ? 1L : 0L) : DBNull.Value;
                _p[10].Value = (object?)record.Reason ?? DBNull.Value;
                _p[11].Value = (object?)record.Basis ?? DBNull.Value;
                _p[12].Value = (object?)record.Detail ?? DBNull.Value;
                inserted += _insert.ExecuteNonQuery();
            }

            touched[site] = Advance(site, progress, batch, transaction);
        }

        foreach (var (site, progress) in touched)
        {
            SaveProgress(site, progress, transaction);
        }

        transaction.Commit();
        lock (_progressLock)
        {
            foreach (var (site, progress) in touched)
            {
                _progress[site] = progress;
            }
        }

        return new JournalCommit(touched, inserted);
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
    }

    private SiteProgress Advance(string site, SiteProgress progress, JournalBatch batch, SqliteTransaction transaction)
    {
        var committed = progress.CommittedThrough;
        var highest = Math.Max(progress.HighestStored, batch.Records[^1].Seq);

        // Fast path: the batch continues the prefix without a hole (the usual case).
        var records = batch.Records;
        if (records[0].Seq <= committed + 1 && records[^1].Seq > committed && IsContiguousFrom(records, committed))
        {
            committed = records[^1].Seq;
        }

        if (highest <= committed)
        {
            return new SiteProgress(committed, committed);
        }

        // Records beyond a hole exist: walk the stored sequences from the prefix (stops at the first hole).
        using var walk = _connection.CreateCommand();
        walk.Transaction = transaction;
        walk.CommandText = "SELECT seq FROM journal WHERE site = $site AND seq > $after ORDER BY seq LIMIT $limit";
        var after = walk.Parameters.AddWithValue("$after", committed);
        walk.Parameters.AddWithValue("$site", site);
        walk.Parameters.AddWithValue("$limit", AdvanceChunk);
        while (true)
        {
            after.Value = committed;
            var read = 0;
            var broken = false;
            using (var reader = walk.ExecuteReader())
            {
                while (reader.Read())
                {
                    read++;
                    if (reader.GetInt64(0) != committed + 1)
                    {
                        broken = true;
                        break;
                    }

                    committed++;
                }
            }

            if (broken || read < AdvanceChunk)
            {
                break;
            }
        }

        return new SiteProgress(committed, Math.Max(highest, committed));
    }

    private static bool IsContiguousFrom(IReadOnlyList<JournalBatchRecord> records, long committed)
    {
        // Records at or below the prefix are duplicates; the rest must follow one another.
        var expected = committed + 1;
        foreach (var record in records)
        {
            if (record.Seq < expected)
            {
                continue;
            }

            if (record.Seq != expected)
            {
                return false;
            }

            expected++;
        }

        return true;
    }

    private void SaveProgress(string site, SiteProgress progress, SqliteTransaction transaction)
    {
        using var save = _connection.CreateCommand();
        save.Transaction = transaction;
        save.CommandText = """
            INSERT INTO site_progress (site, committed_through, highest_stored) VALUES ($site, $committed, $highest)
            ON CONFLICT (site) DO UPDATE SET committed_through = excluded.committed_through, highest_stored = excluded.highest_stored
            """;
        save.Parameters.AddWithValue("$site", site);
        save.Parameters.AddWithValue("$committed", progress.CommittedThrough);
        save.Parameters.AddWithValue("$highest", progress.HighestStored);
        save.ExecuteNonQuery();
    }

    private static long ToUnixMicroseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
