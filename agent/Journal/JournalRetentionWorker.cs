using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Journal;

/// <summary>
/// Deletes raw journal records once they are older than <see cref="JournalOptions.Retention"/> AND acknowledged
/// by the hub (CNIL: raw access movements and usage records are kept at most 3 months). Runs
/// <see cref="JournalOptions.RetentionStartDelay"/> after start and then every
/// <see cref="JournalOptions.RetentionInterval"/>, on the injected clock; the first wait is armed before
/// <see cref="StartAsync"/> returns, so a test clock advanced right after start fires it. Deletes go through the
/// journal's writer in batches of <see cref="JournalOptions.RetentionBatch"/>, so appends never wait for more
/// than one batch. Without an <see cref="IJournalAcknowledgement"/> (a gateway without a hub) it deletes by age only.
/// </summary>
public sealed class JournalRetentionWorker : IHostedService, IDisposable
{
    private readonly SqliteJournal _journal;
    private readonly JournalOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IRetentionPrunable> _prunables;
    private readonly IJournalAcknowledgement? _acknowledgement;
    private readonly SemaphoreSlim _oneRun = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private int _runs;

    public JournalRetentionWorker(
        SqliteJournal journal,
        IOptions<JournalOptions> options,
        TimeProvider time,
        IEnumerable<IRetentionPrunable> prunables,
        IJournalAcknowledgement? acknowledgement = null,
        ILogger<JournalRetentionWorker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(prunables);
        _journal = journal;
        _options = options.Value;
        _time = time;
        _prunables = [.. prunables];
        _acknowledgement = acknowledgement;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Completed runs since start (tests and health).</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>The last completed run, if any.</summary>
    public JournalRetentionResult? LastResult { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        JournalLog.RetentionStarting(_logger, _journal.DatabasePath, _options.Retention, _acknowledgement is null
            ? "no hub link: records are deleted by age only"
            : "records are deleted once old enough and acknowledged by the hub");
        _loop = LoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _oneRun.Dispose();
    }

    /// <summary>One retention run now: deletes every eligible record (batch after batch), then prunes the stores beside the journal.</summary>
    public async Task<JournalRetentionResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await _oneRun.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var cutoff = _time.GetUtcNow() - _options.Retention;

            // The ack is read once per run: records acknowledged during the run wait for the next one.
            var through = _acknowledgement is null
                ? _journal.DurableSequence
                : Math.Min(_acknowledgement.AcknowledgedThrough, _journal.DurableSequence);
            long deleted = 0;
            var batches = 0;
            while (through > 0)
            {
                var count = await _journal.DeleteOldAsync(through, cutoff, _options.RetentionBatch, cancellationToken).ConfigureAwait(false);
                batches++;
                deleted += count;
                if (count < _options.RetentionBatch)
                {
                    break;
                }
            }

            var pruned = 0;
            foreach (var prunable in _prunables)
            {
                pruned += prunable.PruneOlderThan(cutoff);
            }

            var result = new JournalRetentionResult(deleted, batches, cutoff, Math.Max(through, 0), pruned);
            LastResult = result;
            Interlocked.Increment(ref _runs);
            JournalLog.RetentionCompleted(_logger, _journal.DatabasePath, deleted, batches, cutoff, result.ThroughSequence, pruned);
            return result;
        }
        finally
        {
            _oneRun.Release();
        }
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var wait = DelayAsync(_options.RetentionStartDelay, stoppingToken);
        while (await wait.ConfigureAwait(false))
        {
            // The next wait is armed before the run: runs stay on a daily grid, and the run counter never
            // advances before the next timer exists (a test clock advanced right after it fires the next run).
            wait = DelayAsync(_options.RetentionInterval, stoppingToken);
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One failed run must not stop the daily timer; the records are kept until the next run.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                JournalLog.RetentionFailed(_logger, exception, _journal.DatabasePath, _options.RetentionInterval);
            }
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
