using System.Threading.Channels;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Usage.Copiers;
using Cybercantal.Edge.Agent.Usage.Pcs;
using Cybercantal.Edge.Agent.Usage.Rooms;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Usage;

/// <summary>
/// Takes usage work off the reader's thread. The <see cref="BadgePipeline.Decided"/> handler only enqueues
/// the decision in a bounded channel; one worker hands each decision, in arrival order, to the copier
/// sessions, the room uses and the desk seats, which write usage.db and the journal. The handler never
/// blocks: when the queue is full the decision is dropped and a usage fault is logged and journaled.
/// The pipeline is resolved at start, not at construction: building it opens the reader feedback lines,
/// which must wait until the doors have locked their strikes.
/// </summary>
public sealed class UsageWorker : BackgroundService
{
    /// <summary>
    /// Decisions the queue holds. A site has a handful of readers, each reading at most a few badges a
    /// second, and the slowest step (a copier that does not answer SNMP: timeout x retries, about 3 s)
    /// empties the queue far faster than readers can fill it; the size only bounds memory.
    /// </summary>
    public const int DefaultCapacity = 1024;

    private readonly Lock _gate = new();
    private readonly Channel<BadgeDecision> _queue;
    private readonly List<(long Target, TaskCompletionSource Done)> _drainWaiters = [];
    private readonly IServiceProvider? _services;
    private readonly CopierSessionManager? _copiers;
    private readonly RoomUseTracker? _rooms;
    private readonly PcSessionTracker? _pcs;
    private readonly IJournal _journal;
    private readonly ILogger<UsageWorker> _logger;
    private long _enqueued;
    private long _handled;
    private long _dropped;
    private BadgePipeline? _pipeline;
    private volatile bool _stopping;

    /// <param name="services">Resolves the <see cref="BadgePipeline"/> at start; null when the caller enqueues (tests).</param>
    /// <param name="copiers">Copier badge release, or null.</param>
    /// <param name="rooms">Room check-ins, or null.</param>
    /// <param name="pcs">Desk seats, or null.</param>
    public UsageWorker(
        IServiceProvider? services,
        CopierSessionManager? copiers,
        RoomUseTracker? rooms,
        PcSessionTracker? pcs,
        IJournal journal,
        ILogger<UsageWorker> logger,
        int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _services = services;
        _copiers = copiers;
        _rooms = rooms;
        _pcs = pcs;
        _journal = journal;
        _logger = logger;
        Capacity = capacity;
        _queue = Channel.CreateBounded<BadgeDecision>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
    }

    public int Capacity { get; }

    /// <summary>Decisions dropped because the queue was full since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// The <see cref="BadgePipeline.Decided"/> handler: queues the decision and returns at once, on the
    /// reader's thread. False when the queue was full and the decision was dropped (logged and journaled).
    /// </summary>
    public bool Enqueue(BadgeDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        lock (_gate)
        {
            // Counted under the lock so DrainedAsync never waits for a decision that was dropped.
            if (_queue.Writer.TryWrite(decision))
            {
                _enqueued++;
                return true;
            }
        }

        if (_stopping)
        {
            // A badge racing the agent's stop: not a full queue, and the agent is going away anyway.
            return false;
        }

        Interlocked.Increment(ref _dropped);
        _journal.Append(new JournalEntry(JournalRecordKind.UsageFault)
        {
            DoorId = decision.Reader.Door ?? decision.Reader.Resource,
            ReaderId = decision.Reader.Id,
            MemberId = decision.MemberId,
            Credential = decision.Credential,
            Detail = new UsageDetail().Add("source", "queue").Add("fault", "QueueFull").Add("at", decision.At)
                .Add("message", $"usage queue full ({Capacity} decisions); this badge was not counted for usage").ToString(),
        });
        UsageLog.QueueFull(_logger, decision.Reader.Id, Capacity);
        return false;
    }

    /// <summary>
    /// Completes when every decision queued before the call has been handed to the trackers (tests and
    /// the console wait on this instead of sleeping).
    /// </summary>
    public Task DrainedAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_handled >= _enqueued)
            {
                return Task.CompletedTask;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _drainWaiters.Add((_enqueued, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Hands one decision to the trackers in order: copier, room, desk seat. Failures are logged, never thrown.</summary>
    public async Task HandleAsync(BadgeDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (_copiers is not null)
        {
            try
            {
                await _copiers.HandleAsync(decision, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                UsageLog.StepFailed(_logger, "copier", decision.Reader.Id, exception);
            }
        }

        Run("room", decision, _rooms is null ? null : _rooms.OnDecided);
        Run("seat", decision, _pcs is null ? null : _pcs.SeatTap);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_services is not null)
        {
            _pipeline = _services.GetRequiredService<BadgePipeline>();
            _pipeline.Decided += OnDecided;
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_pipeline is not null)
        {
            _pipeline.Decided -= OnDecided;
        }

        // No new decision after this; what is already queued is still handed to the trackers (a check-in
        // badged just before a restart counts), by the worker or, if it never got to run, here.
        _stopping = true;
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (ExecuteTask is null || ExecuteTask.IsCompleted)
        {
            while (_queue.Reader.TryRead(out var decision))
            {
                await HandleAsync(decision, CancellationToken.None).ConfigureAwait(false);
                Handled();
            }
        }
    }

    public override void Dispose()
    {
        _queue.Writer.TryComplete();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not bound to stoppingToken: at stop the writer is completed and the worker hands what is already
        // queued to the trackers, then ends.
        await foreach (var decision in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await HandleAsync(decision, CancellationToken.None).ConfigureAwait(false);
            Handled();
        }
    }

    private void OnDecided(BadgeDecision decision) => Enqueue(decision);

    private void Run(string step, BadgeDecision decision, Action<BadgeDecision>? handler)
    {
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(decision);
        }
        catch (Exception exception)
        {
            UsageLog.StepFailed(_logger, step, decision.Reader.Id, exception);
        }
    }

    private void Handled()
    {
        List<TaskCompletionSource>? done = null;
        lock (_gate)
        {
            _handled++;
            for (var i = _drainWaiters.Count - 1; i >= 0; i--)
            {
                if (_drainWaiters[i].Target <= _handled)
                {
                    (done ??= []).Add(_drainWaiters[i].Done);
                    _drainWaiters.RemoveAt(i);
                }
            }
        }

        done?.ForEach(d => d.TrySetResult());
    }
}
