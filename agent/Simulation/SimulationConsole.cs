using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Simulation;

/// <summary>
/// The interactive terminal of <c>run --simulate</c>: reads commands, prints decisions, door states and
/// alarms as they happen. When standard input closes, the agent keeps running without it.
/// </summary>
/// <remarks>
/// The commands and the badge pipeline are resolved when the console starts, after the doors: building the
/// pipeline requests reader feedback lines, and no line may be requested before the strikes are locked.
/// </remarks>
public sealed partial class SimulationConsole(
    SiteConfiguration site,
    IServiceProvider services,
    DoorSystem doors,
    SimulationTerminal terminal,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<SimulationConsole> logger) : BackgroundService
{
    private readonly Lock _outputGate = new();
    private readonly Dictionary<string, DoorConfiguration> _doors = site.Doors.ToDictionary(d => d.Id, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var commands = services.GetRequiredService<SimulationCommands>();
        var pipeline = services.GetRequiredService<BadgePipeline>();
        pipeline.Decided += OnDecided;
        doors.DoorStateChanged += OnDoorChanged;
        doors.LockdownChanged += OnLockdownChanged;
        doors.EmergencyChanged += OnEmergencyChanged;
        try
        {
            Write($"Simulating {site.Name} ({site.Commune}): {site.Doors.Count} doors, {site.Readers.Count} readers. Type help.");
            Write(commands.Status());
            while (!stoppingToken.IsCancellationRequested)
            {
                var line = await terminal.ReadLineAsync(stoppingToken).ConfigureAwait(false);
                if (line is null)
                {
                    LogInputClosed(logger);
                    return;
                }

                var buffer = new StringWriter();
                var keepGoing = await commands.ExecuteAsync(line, buffer, stoppingToken).ConfigureAwait(false);
                Write(buffer.ToString().TrimEnd());
                if (!keepGoing)
                {
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            pipeline.Decided -= OnDecided;
            doors.DoorStateChanged -= OnDoorChanged;
            doors.LockdownChanged -= OnLockdownChanged;
            doors.EmergencyChanged -= OnEmergencyChanged;
        }
    }

    private void OnDecided(BadgeDecision decision) => Write(SimulationText.Describe(decision, site.TimeZone));

    private void OnDoorChanged(DoorSnapshot snapshot)
    {
        if (_doors.TryGetValue(snapshot.DoorId, out var door))
        {
            Write($"{TimeZoneInfo.ConvertTime(time.GetUtcNow(), site.TimeZone):HH:mm:ss} door {SimulationText.Describe(snapshot, door)}");
        }
    }

    private void OnLockdownChanged(bool on) => Write(on ? "*** LOCKDOWN: badges refused, exit buttons still release ***" : "*** lockdown lifted ***");

    private void OnEmergencyChanged(bool on) => Write(on ? "*** FIRE ALARM: every fail-safe door released ***" : "*** fire alarm restored: doors back to normal ***");

    private void Write(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        lock (_outputGate)
        {
            terminal.WriteLine(text);
        }
    }

    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "Simulation console input closed; the agent keeps running (stop it with Ctrl+C or SIGTERM)")]
    private static partial void LogInputClosed(ILogger logger);
}
