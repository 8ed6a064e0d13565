using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Usage.Pcs;

/// <summary>
/// Probes every configured PC on a timer. A PC that answers keeps its open session alive; one that stays
/// silent for <see cref="UsageOptions.PcSilentChecks"/> checks in a row has its session closed as
/// pc-unreachable, at the last instant it answered.
/// </summary>
public sealed class PcLivenessMonitor : BackgroundService
{
    private readonly PcSessionTracker _tracker;
    private readonly IPcProbe _probe;
    private readonly UsageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PcLivenessMonitor> _logger;
    private readonly Dictionary<string, int> _silentChecks = new(StringComparer.Ordinal);

    public PcLivenessMonitor(PcSessionTracker tracker, IPcProbe probe, IOptions<UsageOptions> options, TimeProvider time, ILogger<PcLivenessMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tracker = tracker;
        _probe = probe;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Probes every PC once, closes the sessions of PCs silent for too long and releases seats past their maximum.</summary>
    public async Task CheckOnceAsync(CancellationToken cancellationToken)
    {
        _tracker.ReleaseExpiredSeats();
        var pcs = _tracker.Pcs.ToArray();
        var alive = await Task.WhenAll(pcs.Select(pc => _probe.IsAliveAsync(pc, cancellationToken))).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var open = _tracker.OpenSessions;
        for (var i = 0; i < pcs.Length; i++)
        {
            var id = pcs[i].Id;
            if (alive[i])
            {
                _silentChecks[id] = 0;
                _tracker.MarkAlive(id, now);
                continue;
            }

            var silent = _silentChecks[id] = _silentChecks.GetValueOrDefault(id) + 1;
            if (silent >= _options.PcSilentChecks && open.ContainsKey(id) && _tracker.EndUnreachable(id))
            {
                UsageLog.PcUnreachable(_logger, id, silent);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(_options.PcProbeInterval, _time, stoppingToken).ConfigureAwait(false);
                await CheckOnceAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
