using Cybercantal.Edge.Hub.Billing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Hub.Retention;

/// <summary>
/// Runs the retention <see cref="BillingOptions.RetentionStartDelay"/> after start and then every
/// <see cref="BillingOptions.RetentionInterval"/> (daily), on the injected clock. The first wait is armed
/// before <see cref="StartAsync"/> returns, so a test clock advanced right after start fires it.
/// </summary>
public sealed class RetentionWorker : IHostedService, IDisposable
{
    private readonly RetentionRun _run;
    private readonly TimeProvider _time;
    private readonly BillingOptions _options;
    private readonly ILogger<RetentionWorker> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private int _runs;

    public RetentionWorker(RetentionRun run, TimeProvider time, IOptions<BillingOptions> options, ILogger<RetentionWorker> logger)
    {
        _run = run;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Completed runs since start (for tests and health).</summary>
    public int Runs => Volatile.Read(ref _runs);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = LoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var delay = _options.RetentionStartDelay;
        while (await DelayAsync(delay, stoppingToken).ConfigureAwait(false))
        {
            // Off the timer's thread: a run may take seconds on a large store.
            await Task.Run(RunOnce, CancellationToken.None).ConfigureAwait(false);
            delay = _options.RetentionInterval;
        }
    }

    private void RunOnce()
    {
        try
        {
            _run.Run();
            Interlocked.Increment(ref _runs);
        }
#pragma warning disable CA1031 // One failed run must not stop the daily timer; the rows are kept until the next run.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            BillingLog.RetentionFailed(_logger, _options.RetentionInterval, exception);
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
