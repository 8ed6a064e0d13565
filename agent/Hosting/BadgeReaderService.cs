using Cybercantal.Edge.Agent.Readers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Hosting;

/// <summary>
/// Runs every badge reader of the site side by side. Readers recover from device faults themselves; if
/// one still ends with an exception it is restarted with a backoff, and the others never notice.
/// </summary>
/// <remarks>
/// Readers, their sink and the reader feedback outputs are resolved here, when the service starts, not in
/// the constructor: the host builds every hosted service before starting the first, and no GPIO line may be
/// requested before the door strikes are driven locked.
/// </remarks>
public sealed partial class BadgeReaderService(
    IServiceProvider services,
    BadgeReaderCatalog catalog,
    TimeProvider time,
    ILogger<BadgeReaderService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var readers = catalog.Create(services);
        LogReadersStarting(logger, readers.Count);
        return Task.WhenAll(readers.Select(reader => SuperviseAsync(reader, stoppingToken)));
    }

    private async Task SuperviseAsync(IBadgeReader reader, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Readers block in native calls (pcsc-lite, serial); keep them off the host's start path.
                await Task.Run(() => reader.RunAsync(stoppingToken), stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogReaderCrashed(logger, exception, reader.ReaderId, delay.TotalSeconds);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRestartDelay.Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 1830, Level = LogLevel.Information, Message = "Starting {Count} badge reader task(s)")]
    private static partial void LogReadersStarting(ILogger logger, int count);

    [LoggerMessage(EventId = 1831, Level = LogLevel.Error, Message = "Badge reader {ReaderId} stopped with an error; restarting in {Seconds} s")]
    private static partial void LogReaderCrashed(ILogger logger, Exception exception, string readerId, double seconds);
}
