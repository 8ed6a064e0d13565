using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Hosting;

/// <summary>
/// Pings systemd's watchdog (WATCHDOG=1) at half the unit's WatchdogSec, but only while every
/// <see cref="IWatchdogCheck"/> is healthy: a hung journal writer or dead door controller then gets the
/// agent restarted instead of silently running without doors. Inactive outside systemd.
/// </summary>
public sealed partial class SystemdWatchdogService(
    ISystemdNotifier notifier,
    IEnumerable<IWatchdogCheck> checks,
    TimeProvider timeProvider,
    ILogger<SystemdWatchdogService> logger) : BackgroundService
{
    private static readonly ServiceState Ping = new("WATCHDOG=1");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = WatchdogInterval();
        if (!notifier.IsEnabled || interval is null)
        {
            return;
        }

        var period = interval.Value / 2;
        LogWatchdogEnabled(logger, period.TotalSeconds);
        using var timer = new PeriodicTimer(period, timeProvider);
        var allChecks = checks.ToArray();
        do
        {
            var healthy = true;
            foreach (var check in allChecks)
            {
                if (!check.IsHealthy(out var reason))
                {
                    healthy = false;
                    LogUnhealthy(logger, check.Name, reason ?? "unknown");
                }
            }

            if (healthy)
            {
                notifier.Notify(Ping);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static TimeSpan? WatchdogInterval()
    {
        var usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (pid is not null && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var micro) && micro > 0
            ? TimeSpan.FromMicroseconds(micro)
            : null;
    }

    [LoggerMessage(EventId = 1810, Level = LogLevel.Information, Message = "systemd watchdog enabled: pinging every {Seconds} s while healthy")]
    private static partial void LogWatchdogEnabled(ILogger logger, double seconds);

    [LoggerMessage(EventId = 1811, Level = LogLevel.Error, Message = "Watchdog withheld: {Check} is unhealthy: {Reason}")]
    private static partial void LogUnhealthy(ILogger logger, string check, string reason);
}
