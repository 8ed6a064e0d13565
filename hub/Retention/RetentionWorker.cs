using Cybercantal.Edge.Hub.Billing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Hub.Retention;

/// <summary>Runs the retention at start and then every <see cref="BillingOptions.RetentionInterval"/> (daily), on the injected clock.</summary>
public sealed class RetentionWorker : BackgroundService
{
    private readonly RetentionRun _run;
    private readonly TimeProvider _time;
    private readonly BillingOptions _options;
    private readonly ILogger<RetentionWorker> _logger;

    public RetentionWorker(RetentionRun run, TimeProvider time, IOptions<BillingOptions> options, ILogger<RetentionWorker> logger)
    {
        _run = run;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Completed runs since start (for tests and health).</summary>
    public int Runs { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _run.Run();
                Runs++;
            }
#pragma warning disable CA1031 // One failed run must not stop the daily timer; the rows are kept until the next run.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                BillingLog.RetentionFailed(_logger, _options.RetentionInterval, exception);
            }

            try
            {
                await Task.Delay(_options.RetentionInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
