using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Mqtt;

namespace Cybercantal.Edge.Agent.Sync;

/// <summary>
/// Store and forward of the site journal to the hub: sends durable records in order, in
/// <see cref="JournalBatch"/>es at QoS 1, only while the hub is online, and trusts only the hub's ack.
/// After a reconnection, an ack timeout or a <c>resendFrom</c> it goes back to the last acknowledged
/// sequence; the hub ignores what it already holds, so a record is stored exactly once whatever failed.
/// The last ack is persisted so a restart resumes there. Backlog batches (those that do not reach the
/// journal's head) are paced by a token bucket; the batch that catches up with live records is not.
/// Nothing is deleted from the journal here.
/// </summary>
public sealed class JournalOutbox : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly IOutboxSource _source;
    private readonly SyncStateFile _state;
    private readonly HubSyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BacklogBandwidthLimiter _limiter;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    // Guarded by _gate.
    private long _acked;
    private long _rewindTo;
    private DateTimeOffset? _lastAckAt;
    private long _ackProgressStamp;

    // Loop only (read by Figures without a lock: diagnostics).
    private long _sentThrough;
    private long _batchesSent;
    private long _resends;

    public JournalOutbox(HubConnection connection, IOutboxSource source, SyncStateFile state, HubSyncOptions options, TimeProvider time, ILogger<JournalOutbox>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _connection = connection;
        _source = source;
        _state = state;
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _limiter = new BacklogBandwidthLimiter(options.BacklogBytesPerSecond, time);
        _acked = state.Acked;
        _ackProgressStamp = time.GetTimestamp();
        _connection.AckReceived += OnAck;
        _connection.LinkChanged += Wake;
    }

    /// <summary>The hub's latest acknowledgement as this outbox knows it.</summary>
    public long Acked
    {
        get
        {
            lock (_gate)
            {
                return _acked;
            }
        }
    }

    public OutboxFigures Figures
    {
        get
        {
            lock (_gate)
            {
                return new OutboxFigures(_source.LastSequence, _source.DurableSequence, _acked, Volatile.Read(ref _sentThrough), _lastAckAt,
                    _connection.IsHubOnline, Volatile.Read(ref _batchesSent), Volatile.Read(ref _resends));
            }
        }
    }

    /// <summary>True once the loop died of an unexpected error it could not recover from (watchdog).</summary>
    public bool Faulted => _loop is { IsFaulted: true };

    public void Start()
    {
        if (_loop is null)
        {
            SyncLog.OutboxStarting(_logger, Acked, _source.DurableSequence);
            _loop = Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        Wake();
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _connection.AckReceived -= OnAck;
        _connection.LinkChanged -= Wake;
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var next = Acked + 1;
        var connections = -1L;
        var caughtUpLogged = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            Task wake;
            long acked;
            lock (_gate)
            {
                wake = _wake.Task;
                acked = _acked;
                if (_rewindTo > 0)
                {
                    next = _rewindTo;
                    _rewindTo = 0;
                    _resends++;
                }
            }

            if (!_connection.IsHubOnline)
            {
                await WaitAsync(wake, null, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (_connection.Connections != connections)
            {
                // A new session: nothing sent before is known to have arrived beyond the ack.
                connections = _connection.Connections;
                next = acked + 1;
                ResetAckClock();
            }

            // Never behind the hub: what it acknowledged needs no resending.
            next = Math.Max(next, acked + 1);
            var durable = _source.DurableSequence;
            var unacked = next - 1 - acked;
            if (next <= durable && unacked < (long)_options.BatchRecords * _options.MaxUnackedBatches)
            {
                caughtUpLogged = false;
                try
                {
                    next = await SendBatchAsync(next, durable, cancellationToken).ConfigureAwait(false);
                }
                catch (HubUnavailableException)
                {
                    // The link dropped: the next connection resends from the ack.
                    await WaitAsync(wake, null, _options.ReconnectMinDelay, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (unacked > 0 && AckOverdue())
            {
                var from = acked + 1;
                SyncLog.AckTimeout(_logger, _options.AckTimeout, next - 1, from);
                next = from;
                Interlocked.Increment(ref _resends);
                ResetAckClock();
                continue;
            }

            if (unacked == 0 && !caughtUpLogged && next > durable)
            {
                caughtUpLogged = true;
                var lag = Math.Max(0, _source.LastSequence - acked);
                SyncLog.CaughtUp(_logger, acked, lag);
            }

            // Wait for new durable records (then let a few more gather), an ack, a link change or the ack deadline.
            var waitFor = next;
            Func<CancellationToken, Task>? durableWait = next > durable && unacked < (long)_options.BatchRecords * _options.MaxUnackedBatches
                ? token => _source.WaitDurableAsync(waitFor, token).AsTask()
                : null;
            var limit = unacked > 0 ? RemainingAckTime() : Timeout.InfiniteTimeSpan;
            var woke = await WaitAsync(wake, durableWait, limit, cancellationToken).ConfigureAwait(false);
            if (woke == WakeReason.Durable && _options.FlushInterval > TimeSpan.Zero && _source.DurableSequence - next + 1 < _options.BatchRecords)
            {
                await WaitAsync(wake, null, _options.FlushInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<long> SendBatchAsync(long next, long durable, CancellationToken cancellationToken)
    {
        var records = _source.ReadAfter(next - 1, _options.BatchRecords);
        if (records.Count == 0 || records[0].Sequence != next)
        {
            // The journal does not hold `next` (reset, or an ack ahead of it): wait for the situation to change.
            var acked = Acked;
            var head = _source.LastSequence;
            SyncLog.AckAhead(_logger, acked, head);
            await Task.Delay(_options.AckTimeout, _time, cancellationToken).ConfigureAwait(false);
            return next;
        }

        var (payload, count) = JournalBatchBuilder.Build(_connection.Site, records, _source.LastSequence, _source.TimestampFrequency);
        var last = records[count - 1].Sequence;
        var backlog = last < durable;
        if (backlog)
        {
            var delay = _limiter.DelayFor(payload.Length);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }

        if (next - 1 == Acked)
        {
            // First batch beyond the ack: the ack deadline starts now.
            ResetAckClock();
        }

        var result = await _connection.PublishCoreAsync(MqttTopics.JournalLeaf, payload, retain: false, cancellationToken).ConfigureAwait(false);
        if (backlog)
        {
            _limiter.Consume(payload.Length);
        }

        if (!result.Accepted)
        {
            // Refused for good as is: log, wait (never loop), then try again from the ack.
            SyncLog.BatchRefused(_logger, next, last, result.Code, result.Reason ?? string.Empty, _options.AckTimeout);
            await Task.Delay(_options.AckTimeout, _time, cancellationToken).ConfigureAwait(false);
            return Acked + 1;
        }

        Volatile.Write(ref _sentThrough, last);
        Interlocked.Increment(ref _batchesSent);
        SyncLog.BatchSent(_logger, next, last, payload.Length, backlog);
        return last + 1;
    }

    private void OnAck(JournalAck ack)
    {
        long previous;
        lock (_gate)
        {
            previous = _acked;
            if (ack.CommittedThrough != _acked)
            {
                _acked = ack.CommittedThrough;
                _ackProgressStamp = _time.GetTimestamp();
            }

            _lastAckAt = _time.GetUtcNow();
            if (ack.ResendFrom is { } from && from > ack.CommittedThrough)
            {
                _rewindTo = from;
            }
            else if (ack.CommittedThrough < previous)
            {
                // Acks never decrease for one hub store: this hub lost records (restored store). Send them again.
                _rewindTo = ack.CommittedThrough + 1;
            }
        }

        if (ack.ResendFrom is { } resend)
        {
            SyncLog.ResendRequested(_logger, resend, ack.CommittedThrough);
        }
        else if (ack.CommittedThrough < previous)
        {
            SyncLog.AckBehind(_logger, ack.CommittedThrough, previous, ack.CommittedThrough + 1);
        }

        try
        {
            _state.SetAcked(ack.CommittedThrough);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Only costs a longer resend after a restart.
            SyncLog.StateFileWriteFailed(_logger, _state.FilePath, exception.Message);
        }

        Wake();
    }

    private void Wake()
    {
        TaskCompletionSource wake;
        lock (_gate)
        {
            wake = _wake;
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    private void ResetAckClock()
    {
        lock (_gate)
        {
            _ackProgressStamp = _time.GetTimestamp();
        }
    }

    private bool AckOverdue() => RemainingAckTime() <= TimeSpan.Zero;

    private TimeSpan RemainingAckTime()
    {
        lock (_gate)
        {
            var left = _options.AckTimeout - _time.GetElapsedTime(_ackProgressStamp);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>Waits for a wake-up, the optional durable wait or a timeout, and says which came first.</summary>
    private async Task<WakeReason> WaitAsync(Task wake, Func<CancellationToken, Task>? durableWait, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Every wait is cancelled once one completes, so no journal waiter or timer outlives its iteration.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new List<Task>(3) { wake };
        var other = durableWait?.Invoke(cancel.Token);
        if (other is not null)
        {
            tasks.Add(other);
        }

        Task? delay = null;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            delay = Task.Delay(timeout, _time, cancel.Token);
            tasks.Add(delay);
        }
        else
        {
            tasks.Add(Task.Delay(Timeout.InfiniteTimeSpan, cancel.Token));
        }

        var completed = await Task.WhenAny(tasks).ConfigureAwait(false);
        await cancel.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (completed == other && other.IsFaulted)
        {
            // The journal closed under us (shutdown): observe the exception and let the loop end.
            throw new OperationCanceledException("The journal closed.", other.Exception);
        }

        return completed == wake ? WakeReason.Signal : completed == other ? WakeReason.Durable : WakeReason.Timeout;
    }

    private enum WakeReason
    {
        Signal,
        Durable,
        Timeout,
    }
}
