using System.Globalization;
using System.Runtime.InteropServices;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Journal;

/// <summary>
/// The site journal on a SQLite file (WAL, synchronous=FULL: a committed record survives power loss).
/// <see cref="Append"/> only numbers and queues the entry under a short lock; a dedicated writer thread
/// group-commits the queue, one transaction per batch, so a door never waits for the disk.
/// A record is durable at most <see cref="JournalOptions.FlushInterval"/> plus one commit after it was
/// appended (longer only while the disk fails: records then stay queued and the commit is retried).
/// </summary>
public sealed class SqliteJournal : IJournal, IAsyncDisposable, IDisposable
{
    private const string InsertSql =
        "INSERT INTO journal (seq, kind, wall_ms, mono, door, reader, credential, member, granted, reason, basis, detail) " +
        "VALUES ($seq, $kind, $wall_ms, $mono, $door, $reader, $credential, $member, $granted, $reason, $basis, $detail)";

    private const string SelectAfterSql =
        "SELECT seq, kind, wall_ms, mono, door, reader, credential, member, granted, reason, basis, detail " +
        "FROM journal WHERE seq > $after ORDER BY seq LIMIT $max";

    // Deletes the oldest stored records that are both at or below a sequence and older than a wall-clock instant.
    private const string PurgeSql =
        "DELETE FROM journal WHERE seq IN " +
        "(SELECT seq FROM journal WHERE seq <= $through AND wall_ms < $older ORDER BY seq LIMIT $max)";

    // Remembers the highest sequence ever stored, so a restart after the newest rows were deleted continues from it.
    private const string HighWaterSql =
        "INSERT INTO journal_meta (key, value) VALUES ('high_water', $seq) " +
        "ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)";

    private static readonly string[] ExpectedColumns =
        ["seq", "kind", "wall_ms", "mono", "door", "reader", "credential", "member", "granted", "reason", "basis", "detail"];

    private readonly JournalOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _path;
    private readonly string _connectionString;

    // Append side: sequence numbering and queueing happen under one short lock so sequence order is queue order.
    private readonly Lock _appendGate = new();
    private List<PendingRecord> _pending;
    private long _nextSequence;
    private bool _stopping;

    // Writer side: only the writer thread touches these.
    private List<PendingRecord> _writing;
    private SqliteConnection? _writeConnection;
    private SqliteCommand? _insert;
    private bool _resyncBeforeNextCommit;

    private readonly ITimer _flushTimer;
    private readonly ManualResetEventSlim _flushDue = new(false);
    private readonly ManualResetEventSlim _retryWake = new(false);
    private readonly Thread _writer;
    private readonly TaskCompletionSource _writerExited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Durability: waiters are completed by the writer after each commit, lowest sequence first.
    private readonly Lock _waiterGate = new();
    private readonly PriorityQueue<TaskCompletionSource, long> _waiters = new();
    private long _durableSequence;
    private bool _writerDone;

    // Retention deletes queued for the writer thread (guarded by the lock itself).
    private readonly Queue<JournalPurgeRequest> _purges = new();

    private readonly Lock _readGate = new();
    private SqliteConnection? _readConnection;

    private long _committedBatches;
    private int _committing;
    private int _disposed;

    public SqliteJournal(IOptions<JournalOptions> options, TimeProvider timeProvider, ILogger<SqliteJournal>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        var validation = new JournalOptionsValidator().Validate(null, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(JournalOptions), typeof(JournalOptions), validation.Failures);
        }

        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _path = Path.GetFullPath(_options.DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
        }.ToString();

        var lastStored = OpenAndRecover();
        _nextSequence = lastStored + 1;
        _durableSequence = lastStored;
        _pending = new List<PendingRecord>(Math.Min(_options.MaxBatch, 1024));
        _writing = new List<PendingRecord>(Math.Min(_options.MaxBatch, 1024));
        _flushTimer = _time.CreateTimer(static state => ((SqliteJournal)state!)._flushDue.Set(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _writer = new Thread(WriterLoop) { IsBackground = true, Name = "journal-writer" };
        _writer.Start();
        JournalLog.Opened(_logger, _path, _nextSequence, _options.FlushInterval, _options.MaxBatch);
    }

    /// <summary>Full path of the journal file.</summary>
    public string DatabasePath => _path;

    /// <inheritdoc />
    public long DurableSequence => Volatile.Read(ref _durableSequence);

    /// <summary>The highest sequence number assigned so far (it may not be durable yet).</summary>
    public long LastSequence
    {
        get
        {
            lock (_appendGate)
            {
                return _nextSequence - 1;
            }
        }
    }

    /// <summary>Number of transactions committed since open (diagnostics and tests).</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    /// <summary>True while the writer is inside a transaction (lets the load harness split Append latency).</summary>
    internal bool IsCommitting => Volatile.Read(ref _committing) != 0;

    /// <summary>Test seam: called inside each transaction just before COMMIT; throwing simulates a disk failure.</summary>
    internal Action? BeforeCommit { get; set; }

    /// <inheritdoc />
    public long Append(in JournalEntry entry)
    {
        lock (_appendGate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            var sequence = _nextSequence++;
            _pending.Add(new PendingRecord(sequence, _time.GetUtcNow().ToUnixTimeMilliseconds(), _time.GetTimestamp(), entry));
            var count = _pending.Count;
            if (count == 1)
            {
                if (_options.FlushInterval == TimeSpan.Zero)
                {
                    _flushDue.Set();
                }
                else
                {
                    _flushTimer.Change(_options.FlushInterval, Timeout.InfiniteTimeSpan);
                }
            }
            else if (count == _options.MaxBatch)
            {
                _flushDue.Set();
            }

            return sequence;
        }
    }

    /// <inheritdoc />
    public ValueTask WaitDurableAsync(long sequence, CancellationToken cancellationToken = default)
    {
        if (sequence <= Volatile.Read(ref _durableSequence))
        {
            return ValueTask.CompletedTask;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiterGate)
        {
            if (sequence <= _durableSequence)
            {
                return ValueTask.CompletedTask;
            }

            if (_writerDone)
            {
                return ValueTask.FromException(new ObjectDisposedException(nameof(SqliteJournal), $"The journal is closed; sequence {sequence} was never made durable."));
            }

            _waiters.Enqueue(waiter, sequence);
        }

        return cancellationToken.CanBeCanceled ? WaitCancellableAsync(waiter, cancellationToken) : new ValueTask(waiter.Task);
    }

    /// <summary>
    /// Reads stored (hence durable) records with a sequence above <paramref name="afterSequence"/>, in order,
    /// at most <paramref name="max"/>. Uses its own connection: never waits for the writer.
    /// </summary>
    public IReadOnlyList<JournalRecord> ReadAfter(long afterSequence, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        lock (_readGate)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            _readConnection ??= OpenConnection();
            using var command = _readConnection.CreateCommand();
            command.CommandText = SelectAfterSql;
            command.Parameters.AddWithValue("$after", afterSequence);
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
            var records = new List<JournalRecord>();
            while (reader.Read())
            {
                records.Add(ReadRecord(reader));
            }

            return records;
        }
    }

    /// <summary>
    /// Deletes at most <paramref name="maxRows"/> stored records whose sequence is at most
    /// <paramref name="throughSequence"/> (clamped to <see cref="DurableSequence"/>) and whose wall clock is
    /// before <paramref name="olderThan"/>, oldest first, in one transaction. It runs on the writer thread
    /// between two group commits, so appends are delayed by at most one such batch. Returns the number deleted.
    /// The sequence never goes back: the highest sequence stored is remembered even when its row is deleted.
    /// </summary>
    public Task<int> DeleteOldAsync(long throughSequence, DateTimeOffset olderThan, int maxRows, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        cancellationToken.ThrowIfCancellationRequested();
        var request = new JournalPurgeRequest(Math.Min(throughSequence, DurableSequence), olderThan.ToUnixTimeMilliseconds(), maxRows);
        if (request.ThroughSequence <= 0)
        {
            return Task.FromResult(0);
        }

        lock (_appendGate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            lock (_purges)
            {
                _purges.Enqueue(request);
            }
        }

        _flushDue.Set();
        return request.Completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (BeginDispose())
        {
            await _writerExited.Task.ConfigureAwait(false);
            EndDispose();
        }
    }

    public void Dispose()
    {
        if (BeginDispose())
        {
            _writer.Join();
            EndDispose();
        }
    }

    private static async ValueTask WaitCancellableAsync(TaskCompletionSource waiter, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.UnsafeRegister(
            static (state, token) => ((TaskCompletionSource)state!).TrySetCanceled(token), waiter);
        await waiter.Task.ConfigureAwait(false);
    }

    private bool BeginDispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return false;
        }

        lock (_appendGate)
        {
            _stopping = true;
        }

        _flushDue.Set();
        _retryWake.Set();
        return true;
    }

    private void EndDispose()
    {
        lock (_readGate)
        {
            _readConnection?.Dispose();
            _readConnection = null;
        }

        // The two events are not disposed: a timer callback already in flight may still set them.
        _flushTimer.Dispose();
        JournalLog.Closed(_logger, _path, DurableSequence);
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();

            // WAL + FULL: every commit fsyncs the WAL, so a committed batch survives power loss, not only a crash.
            command.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new JournalStorageException(_path, $"Journal database '{_path}' refused WAL mode (journal_mode is '{mode}').");
            }

            command.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens the file, checks it, creates the table when new and returns the last stored sequence.</summary>
    private long OpenAndRecover()
    {
        try
        {
            var directory = Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var connection = OpenConnection();
            try
            {
                using var command = connection.CreateCommand();
                if (_options.QuickCheckOnOpen)
                {
                    command.CommandText = "PRAGMA quick_check;";
                    var result = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
                    if (!string.Equals(result, "ok", StringComparison.Ordinal))
                    {
                        throw new JournalStorageException(_path, $"Journal database '{_path}' failed its integrity check ({result}). It was left untouched: move it aside and investigate; it is not recreated automatically.");
                    }
                }

                command.CommandText =
                    "CREATE TABLE IF NOT EXISTS journal (" +
                    "seq INTEGER PRIMARY KEY, kind INTEGER NOT NULL, wall_ms INTEGER NOT NULL, mono INTEGER NOT NULL, " +
                    "door TEXT, reader TEXT, credential TEXT, member TEXT, granted INTEGER, " +
                    "reason INTEGER NOT NULL, basis INTEGER NOT NULL, detail TEXT);";
                command.ExecuteNonQuery();
                CheckSchema(command);
                command.CommandText = "CREATE TABLE IF NOT EXISTS journal_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);";
                command.ExecuteNonQuery();

                // Retention may have deleted the newest rows: the sequence continues from the highest ever stored.
                command.CommandText =
                    "SELECT max(coalesce((SELECT max(seq) FROM journal), 0), " +
                    "coalesce((SELECT value FROM journal_meta WHERE key = 'high_water'), 0));";
                var last = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
                _writeConnection = connection;
                return last;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is 11 or 26)
        {
            throw new JournalStorageException(_path, $"Journal database '{_path}' is corrupt or not a SQLite database (SQLite error {exception.SqliteErrorCode}: {exception.Message}). It was left untouched: move it aside and investigate; it is not recreated automatically.", exception);
        }
        catch (SqliteException exception)
        {
            throw new JournalStorageException(_path, $"Journal database '{_path}' cannot be opened (SQLite error {exception.SqliteErrorCode}: {exception.Message}).", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new JournalStorageException(_path, $"Journal database '{_path}' cannot be opened: {exception.Message}", exception);
        }
    }

    private void CheckSchema(SqliteCommand command)
    {
        command.CommandText = "SELECT name FROM pragma_table_info('journal') ORDER BY cid;";
        var columns = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                columns.Add(reader.GetString(0));
            }
        }

        if (!columns.SequenceEqual(ExpectedColumns, StringComparer.OrdinalIgnoreCase))
        {
            throw new JournalStorageException(_path, $"Journal database '{_path}' has an unexpected 'journal' table (columns: {string.Join(", ", columns)}; expected: {string.Join(", ", ExpectedColumns)}).");
        }
    }

    private void WriterLoop()
    {
        try
        {
            var stopping = false;
            while (true)
            {
                if (!stopping)
                {
                    _flushDue.Wait();
                    _flushDue.Reset();
                }

                // Swapping the two lists is O(1): appenders never wait for more than this under the lock.
                lock (_appendGate)
                {
                    (_pending, _writing) = (_writing, _pending);
                    stopping = _stopping;
                }

                if (_writing.Count > 0)
                {
                    WriteAll(stopping);
                }
                else if (stopping)
                {
                    break;
                }

                RunOnePurge();
            }
        }
#pragma warning disable CA1031 // The writer thread must never take the agent down; the failure is logged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            JournalLog.WriterStopped(_logger, exception, _path);
        }
        finally
        {
            CloseWriter();
            FailRemainingPurges();
            FailRemainingWaiters();
            _writerExited.TrySetResult();
        }
    }

    /// <summary>Commits everything in <see cref="_writing"/>, in chunks of MaxBatch, retrying failures with back-off.</summary>
    private void WriteAll(bool stopping)
    {
        var records = CollectionsMarshal.AsSpan(_writing);
        var index = 0;
        var failedAttempts = 0;
        var delay = _options.RetryInitialDelay;
        var waitedAtShutdown = TimeSpan.Zero;
        while (index < records.Length)
        {
            var chunk = records.Slice(index, Math.Min(_options.MaxBatch, records.Length - index));
            try
            {
                Commit(chunk);
                index += chunk.Length;
                if (failedAttempts > 0)
                {
                    // Logged before waiters are released, so whoever waited on the recovery also sees it in the log.
                    JournalLog.CommitRecovered(_logger, _path, failedAttempts, chunk[^1].Sequence);
                    failedAttempts = 0;
                    delay = _options.RetryInitialDelay;
                }

                PublishDurable(chunk[^1].Sequence);
            }
#pragma warning disable CA1031 // Any storage failure (disk full, I/O error, locked file) is retried: records are never dropped.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failedAttempts++;
                CloseWriter();
                _resyncBeforeNextCommit = true;
                JournalLog.CommitFailed(_logger, exception, chunk.Length, chunk[0].Sequence, chunk[^1].Sequence, _path, failedAttempts, delay);
                stopping |= Volatile.Read(ref _disposed) != 0;
                if (stopping && waitedAtShutdown >= _options.ShutdownRetryBudget)
                {
                    var remaining = records[index..];
                    JournalLog.RecordsLostAtShutdown(_logger, _path, failedAttempts, remaining.Length, remaining[0].Sequence, remaining[^1].Sequence);
                    break;
                }

                WaitBeforeRetry(delay, stopping);
                if (stopping)
                {
                    waitedAtShutdown += delay;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.RetryMaxDelay.Ticks));
            }
        }

        _writing.Clear();
    }

    private void WaitBeforeRetry(TimeSpan delay, bool stopping)
    {
        if (stopping)
        {
            // At shutdown the back-off runs on the real clock, bounded by ShutdownRetryBudget, so Dispose always ends
            // even under a fake TimeProvider that nobody advances any more.
            Thread.Sleep(delay);
            return;
        }

        using var wake = _time.CreateTimer(static state => ((ManualResetEventSlim)state!).Set(), _retryWake, delay, Timeout.InfiniteTimeSpan);
        _retryWake.Wait();
        _retryWake.Reset();
        if (Volatile.Read(ref _disposed) != 0)
        {
            _retryWake.Set();
        }
    }

    private void Commit(ReadOnlySpan<PendingRecord> chunk)
    {
        EnsureWriter();
        if (_resyncBeforeNextCommit)
        {
            // A failed COMMIT may still have reached the disk: skip what is already there instead of colliding on seq.
            using var query = _writeConnection!.CreateCommand();
            query.CommandText = "SELECT coalesce(max(seq), 0) FROM journal;";
            var stored = Convert.ToInt64(query.ExecuteScalar(), CultureInfo.InvariantCulture);
            var skip = 0;
            while (skip < chunk.Length && chunk[skip].Sequence <= stored)
            {
                skip++;
            }

            if (skip > 0)
            {
                JournalLog.SkippedAlreadyStored(_logger, _path, skip, stored);
                chunk = chunk[skip..];
            }

            _resyncBeforeNextCommit = false;
            if (chunk.IsEmpty)
            {
                return;
            }
        }

        var insert = _insert!;
        Volatile.Write(ref _committing, 1);
        try
        {
            using var transaction = _writeConnection!.BeginTransaction();
            insert.Transaction = transaction;
            var p = insert.Parameters;
            foreach (ref readonly var record in chunk)
            {
                var entry = record.Entry;
                p[0].Value = record.Sequence;
                p[1].Value = (int)entry.Kind;
                p[2].Value = record.WallClockUnixMilliseconds;
                p[3].Value = record.Monotonic;
                p[4].Value = (object?)entry.DoorId ?? DBNull.Value;
                p[5].Value = (object?)entry.ReaderId ?? DBNull.Value;

                // The canonical text is built here, on the writer thread, so Append stays allocation-free.
                p[6].Value = entry.Credential.IsEmpty ? DBNull.Value : entry.Credential.ToString();
                p[7].Value = (object?)entry.MemberId ?? DBNull.Value;
                p[8].Value = entry.Granted is { } granted ? (granted ? 1 : 0) : DBNull.Value;
                p[9].Value = (int)entry.Reason;
                p[10].Value = (int)entry.Basis;
                p[11].Value = (object?)entry.Detail ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }

            BeforeCommit?.Invoke();
            transaction.Commit();
            insert.Transaction = null;
            Interlocked.Increment(ref _committedBatches);
        }
        finally
        {
            Volatile.Write(ref _committing, 0);
        }
    }

    /// <summary>Runs at most one queued retention delete, then lets appends gathered meanwhile commit first.</summary>
    private void RunOnePurge()
    {
        JournalPurgeRequest? request;
        bool more;
        lock (_purges)
        {
            _purges.TryDequeue(out request);
            more = _purges.Count > 0;
        }

        if (request is null)
        {
            return;
        }

        if (more)
        {
            _flushDue.Set();
        }

        try
        {
            request.Completion.TrySetResult(Purge(request));
        }
#pragma warning disable CA1031 // A failed delete only postpones retention; the writer keeps committing appends.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            CloseWriter();
            request.Completion.TrySetException(exception);
        }
    }

    private int Purge(JournalPurgeRequest request)
    {
        EnsureWriter();
        using var transaction = _writeConnection!.BeginTransaction();
        using var command = _writeConnection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM journal;";
        var highest = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        command.CommandText = PurgeSql;
        command.Parameters.AddWithValue("$through", request.ThroughSequence);
        command.Parameters.AddWithValue("$older", request.OlderThanUnixMilliseconds);
        command.Parameters.AddWithValue("$max", request.MaxRows);
        var deleted = command.ExecuteNonQuery();
        if (deleted > 0)
        {
            command.Parameters.Clear();
            command.CommandText = HighWaterSql;
            command.Parameters.AddWithValue("$seq", highest);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return deleted;
    }

    private void FailRemainingPurges()
    {
        lock (_purges)
        {
            while (_purges.TryDequeue(out var request))
            {
                request.Completion.TrySetException(new ObjectDisposedException(nameof(SqliteJournal), "The journal closed before the retention delete ran."));
            }
        }
    }

    private void EnsureWriter()
    {
        _writeConnection ??= OpenConnection();
        if (_insert is not null)
        {
            return;
        }

        var insert = _writeConnection.CreateCommand();
        insert.CommandText = InsertSql;
        insert.Parameters.Add("$seq", SqliteType.Integer);
        insert.Parameters.Add("$kind", SqliteType.Integer);
        insert.Parameters.Add("$wall_ms", SqliteType.Integer);
        insert.Parameters.Add("$mono", SqliteType.Integer);
        insert.Parameters.Add("$door", SqliteType.Text);
        insert.Parameters.Add("$reader", SqliteType.Text);
        insert.Parameters.Add("$credential", SqliteType.Text);
        insert.Parameters.Add("$member", SqliteType.Text);
        insert.Parameters.Add("$granted", SqliteType.Integer);
        insert.Parameters.Add("$reason", SqliteType.Integer);
        insert.Parameters.Add("$basis", SqliteType.Integer);
        insert.Parameters.Add("$detail", SqliteType.Text);
        insert.Prepare();
        _insert = insert;
    }

    private void CloseWriter()
    {
        _insert?.Dispose();
        _insert = null;
        _writeConnection?.Dispose();
        _writeConnection = null;
    }

    private void PublishDurable(long sequence)
    {
        lock (_waiterGate)
        {
            Volatile.Write(ref _durableSequence, sequence);
            while (_waiters.TryPeek(out var waiter, out var waited) && waited <= sequence)
            {
                _waiters.Dequeue();
                waiter.TrySetResult();
            }
        }
    }

    private void FailRemainingWaiters()
    {
        lock (_waiterGate)
        {
            _writerDone = true;
            while (_waiters.TryDequeue(out var waiter, out var sequence))
            {
                waiter.TrySetException(new ObjectDisposedException(nameof(SqliteJournal), $"The journal closed before sequence {sequence} was made durable."));
            }
        }
    }

    private static JournalRecord ReadRecord(SqliteDataReader reader)
    {
        var credentialText = reader.IsDBNull(6) ? null : reader.GetString(6);
        _ = Credential.TryParse(credentialText, out var credential);
        return new JournalRecord(
            reader.GetInt64(0),
            (JournalRecordKind)reader.GetInt32(1),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            reader.GetInt64(3))
        {
            DoorId = reader.IsDBNull(4) ? null : reader.GetString(4),
            ReaderId = reader.IsDBNull(5) ? null : reader.GetString(5),
            CredentialText = credentialText,
            Credential = credential,
            MemberId = reader.IsDBNull(7) ? null : reader.GetString(7),
            Granted = reader.IsDBNull(8) ? null : reader.GetInt64(8) != 0,
            Reason = (DenyReason)reader.GetInt32(9),
            Basis = (GrantBasis)reader.GetInt32(10),
            Detail = reader.IsDBNull(11) ? null : reader.GetString(11),
        };
    }
}
