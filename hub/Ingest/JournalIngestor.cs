using System.Buffers;
using System.Threading.Channels;
using Cybercantal.Edge.Hub.Hosting;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Hub.Ingest;

/// <summary>
/// Turns received journal batches into committed rows and acks. Callers (one per MQTT connection) parse and
/// validate on their own thread, then queue; a single writer loop commits whatever is queued as ONE
/// transaction (group commit: one fsync for many gateways) and completes each caller after the commit, so
/// "completed as Committed" means durable. Acks leave through <see cref="Acks"/> in commit order.
/// </summary>
public sealed class JournalIngestor : IHostedService, IDisposable
{
    /// <summary>Upper bound of records per transaction, to keep one commit's latency bounded.</summary>
    public const int MaxGroupRecords = 20_000;

    private readonly Channel<PendingBatch> _queue = Channel.CreateUnbounded<PendingBatch>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<JournalAck> _acks = Channel.CreateUnbounded<JournalAck>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HubDatabase _database;
    private readonly SiteActivityTracker _tracker;
    private readonly TimeProvider _time;
    private readonly ILogger<JournalIngestor> _logger;
    private readonly IJournalCommitObserver[] _observers;
    private JournalStore? _store;
    private Task? _loop;

    public JournalIngestor(HubDatabase database, SiteActivityTracker tracker, TimeProvider time, ILogger<JournalIngestor> logger, IEnumerable<IJournalCommitObserver>? observers = null)
    {
        _observers = [.. observers ?? []];
        _database = database;
        _tracker = tracker;
        _time = time;
        _logger = logger;
    }

    /// <summary>Acks to publish on <c>sites/{site}/ack</c>, in commit order.</summary>
    public ChannelReader<JournalAck> Acks => _acks.Reader;

    /// <summary>The committed progress of every known site (valid once started).</summary>
    public IReadOnlyDictionary<string, SiteProgress> Progress =>
        _store?.Progress ?? throw new InvalidOperationException("The journal ingestor is not started.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _store = new JournalStore(_database);
        foreach (var (site, progress) in _store.Progress)
        {
            _tracker.Seed(site, progress);
        }

        IngestLog.StoreOpened(_logger, _database.Path, _store.Progress.Count);
        _loop = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken);
            IngestLog.Stopped(_logger);
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop?.Wait(TimeSpan.FromSeconds(30));
        _store?.Dispose();
    }

    /// <summary>
    /// Ingests a batch published on <paramref name="topicSite"/>'s journal topic. Validation and queueing
    /// happen before this method first yields, so batches from one connection commit in arrival order.
    /// </summary>
    public Task<IngestOutcome> IngestAsync(string topicSite, ReadOnlySequence<byte> payload, CancellationToken cancellationToken = default)
    {
        if (!JournalBatchValidation.TryRead(payload, topicSite, out var batch, out var error))
        {
            _tracker.Refused(topicSite);
            IngestLog.BatchRefused(_logger, topicSite, error);
            return Task.FromResult(IngestOutcome.Refused(error));
        }

        _tracker.Received(topicSite, batch.Head ?? batch.Records[^1].Seq);
        var pending = new PendingBatch(batch);
        if (!_queue.Writer.TryWrite(pending))
        {
            return Task.FromResult(IngestOutcome.Failed("the hub is stopping"));
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private void WriteLoop()
    {
        var store = _store!;
        var group = new List<PendingBatch>();
        var batches = new List<JournalBatch>();
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            group.Clear();
            batches.Clear();
            var records = 0;
            while (records < MaxGroupRecords && reader.TryRead(out var pending))
            {
                group.Add(pending);
                batches.Add(pending.Batch);
                records += pending.Batch.Records.Count;
            }

            JournalCommit commit;
            try
            {
                commit = store.Commit(batches, _time.GetUtcNow());
            }
            catch (Exception exception)
            {
                IngestLog.CommitFailed(_logger, group.Count, exception);
                foreach (var pending in group)
                {
                    pending.Completion.TrySetResult(IngestOutcome.Failed("the hub could not store the batch"));
                }

                continue;
            }

            IngestLog.GroupCommitted(_logger, group.Count, commit.InsertedRecords);
            var acks = new Dictionary<string, JournalAck>(StringComparer.Ordinal);
            foreach (var (site, progress) in commit.Sites)
            {
                _tracker.Committed(site, progress);
                var ack = new JournalAck
                {
                    Site = site,
                    CommittedThrough = progress.CommittedThrough,
                    ResendFrom = progress.HasGap ? progress.CommittedThrough + 1 : null,
                };
                if (ack.ResendFrom is { } resendFrom)
                {
                    IngestLog.GapDetected(_logger, site, progress.CommittedThrough, progress.HighestStored, resendFrom);
                }

                acks[site] = ack;
                _acks.Writer.TryWrite(ack);
            }

            // After the acks are queued, before the callers hear "committed": what follows from the records
            // (a released booking) is in place once a batch is reported committed. Cheap unless a record matters.
            foreach (var observer in _observers)
            {
                try
                {
                    observer.Committed(batches);
                }
                catch (Exception exception)
                {
                    IngestLog.ObserverFailed(_logger, observer.GetType().Name, exception);
                }
            }

            foreach (var pending in group)
            {
                pending.Completion.TrySetResult(new IngestOutcome(IngestStatus.Committed, acks[pending.Batch.Site], null));
            }
        }
    }

    private sealed class PendingBatch(JournalBatch batch)
    {
        public JournalBatch Batch { get; } = batch;

        public TaskCompletionSource<IngestOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
