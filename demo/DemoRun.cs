using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Demo;

/// <summary>
/// A running demo: the hub, the centres' people entered at the hub through its admin API, one simulated agent
/// per open centre receiving them by the credential sync, and each centre's traffic generator on the
/// accelerated clock, which plays once its gateway runs the hub's access data. <see cref="StartAsync"/> brings it up; <see cref="StopAsync"/>
/// stops the traffic, lets the hub catch up, stops the agents (doors locked, journals flushed), then the hub.
/// </summary>
public sealed class DemoRun : IAsyncDisposable
{
    /// <summary>Real time a gateway is given to run the hub's access data before its day is played anyway.</summary>
    private static readonly TimeSpan SyncBudget = TimeSpan.FromSeconds(20);

    private readonly List<DemoAgent> _agents = [];
    private readonly List<CentreDayGenerator> _generators = [];
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<DemoUsageDevices> _devices = [];
    private readonly CancellationTokenSource _traffic = new();
    private readonly ILogger _logger;
    private readonly Stopwatch _sinceStart;
    private readonly TaskCompletionSource<TimeSpan> _firstEvents = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task<bool>> _synced = [];
    private HttpClient? _hubApi;
    private Task _trafficDone = Task.CompletedTask;
    private Task _firstEventsWatch = Task.CompletedTask;
    private bool _stopped;

    private DemoRun(DemoOptions options, DemoFeed feed, ILogger logger, Stopwatch sinceStart)
    {
        Options = options;
        Feed = feed;
        _logger = logger;
        _sinceStart = sinceStart;
    }

    public DemoOptions Options { get; }

    public DemoFeed Feed { get; }

    public DemoHub Hub { get; private set; } = null!;

    public AcceleratedTimeProvider Clock { get; private set; } = null!;

    public DateOnly Day { get; private set; }

    public string DataDirectory { get; private set; } = string.Empty;

    public IReadOnlyList<DemoAgent> Agents => _agents;

    /// <summary>The hub's <c>GET /api/sites/status</c>.</summary>
    public Uri StatusUri => new(Hub.BaseAddress, "api/sites/status");

    /// <summary>Completes when every centre's generator has played its day.</summary>
    public Task TrafficDone => _trafficDone;

    /// <summary>Real time from the start of <see cref="StartAsync"/> until every centre had records committed at the hub.</summary>
    public Task<TimeSpan> FirstEventsVisible => _firstEvents.Task;

    /// <summary>Real time from the start of <see cref="StartAsync"/> to the first badge decision shown.</summary>
    public Task<TimeSpan> FirstDecision => Feed.FirstDecision.ContinueWith(
        t => _sinceStart.Elapsed - Stopwatch.GetElapsedTime(t.Result), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    /// <summary>
    /// Real time from the start of <see cref="StartAsync"/> until every gateway reported the hub's credential version;
    /// faulted if one did not within the budget.
    /// </summary>
    public Task<TimeSpan> AccessDataSynced { get; private set; } = Task.FromResult(TimeSpan.Zero);

    /// <summary>The admin API key the demo's manager uses (printed in the banner; a throw-away key of the demo's store).</summary>
    public string AdminKey { get; private set; } = string.Empty;

    public static async Task<DemoRun> StartAsync(DemoOptions options, TextWriter output, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var run = new DemoRun(options, new DemoFeed(output), loggerFactory.CreateLogger("Cybercantal.Edge.Demo"), Stopwatch.StartNew());
        try
        {
            await run.StartCoreAsync(loggerFactory, cancellationToken).ConfigureAwait(false);
            return run;
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartCoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        DataDirectory = Path.GetFullPath(Options.DataDirectory);
        Directory.CreateDirectory(DataDirectory);
        var sites = DemoSites.Load();
        Day = DemoSites.ChooseDay(TimeProvider.System.GetUtcNow(), sites);
        DemoLog.Starting(_logger, DataDirectory, Options.Speed, Day, Options.StartTime);

        var mqttPort = DemoPorts.Resolve(Options.MqttPort, 1883, "MQTT", _logger);
        var httpPort = DemoPorts.Resolve(Options.HttpPort, 5080, "HTTP", _logger);
        Hub = await DemoHub.StartAsync(DataDirectory, httpPort, mqttPort, DemoAdminRecords.VisioRooms(sites), cancellationToken).ConfigureAwait(false);
        DemoLog.HubStarted(_logger, Hub.BaseAddress, mqttPort);
        // A throw-away admin key of this demo's own store (what `cybercantal-hub apikey create --admin` prints).
        AdminKey = Hub.CreateAdminKey();
        _hubApi = new HttpClient { BaseAddress = Hub.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _hubApi.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        var administration = new DemoAdministration(_hubApi);

        var centres = new List<(DemoCentre Centre, string Directory, IReadOnlyList<DemoStep> Plan, DemoUsageDevices Devices)>();
        foreach (var (site, index) in sites.Select((s, i) => (s, i)))
        {
            var directory = Path.Combine(DataDirectory, site.Id);
            Directory.CreateDirectory(directory);
            var credentialFile = Path.Combine(directory, "gateway.credential");
            Hub.SetSecret(site.Id, DemoSecrets.Write(credentialFile));
            // A copier that has already printed some thousands of pages, answering SNMP on loopback.
            var copier = new DemoCopier((uint)(12_000 + 3_517 * index));
            var centre = DemoCastGenerator.Create(DemoSites.ForDemo(site, mqttPort, credentialFile, copier.Address), Day, Options.Seed);
            var plan = CentreDayPlan.Create(centre, Options.Seed);
            var devices = new DemoUsageDevices(
                new Uri(FormattableString.Invariant($"http://127.0.0.1:{DemoPorts.Free()}/")),
                new DemoPcFarm(plan.FirstOrDefault(s => s.Move == DemoMove.PcFreezes)?.Pc),
                copier);
            _devices.Add(devices);
            centres.Add((centre, directory, plan, devices));
        }

        // The manager enters the centres' people at the hub before the agents start (measured faster than
        // while they start: on two cores the gateways applying each delta slow the entry down); they reach the
        // gateways by the credential sync (the retained snapshot when they connect, deltas after), never by a
        // local import.
        await EnterAccessDataAsync(administration, [.. centres.Select(c => c.Centre)], cancellationToken).ConfigureAwait(false);
        var local = Day.ToDateTime(Options.StartTime);
        Clock = new AcceleratedTimeProvider(new DateTimeOffset(local, sites[0].TimeZone.GetUtcOffset(local)), Options.Speed);
        _agents.AddRange(await Task.WhenAll(centres.Select(c => DemoAgent.StartAsync(c.Centre, c.Directory, Clock, c.Devices, cancellationToken))).ConfigureAwait(false));
        _firstEventsWatch = WatchFirstEventsAsync(_traffic.Token);
        _synced.AddRange(_agents.Select(a => WaitForAccessDataAsync(administration, a.Centre.Id, _traffic.Token)));
        AccessDataSynced = Task.WhenAll(_synced).ContinueWith(
            t => t.Result.All(synced => synced) ? _sinceStart.Elapsed : throw new InvalidOperationException("A gateway did not report the hub's credential version (see the warning 2514)."),
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        _ = FirstDecision.ContinueWith(t => DemoLog.FirstDecision(_logger, t.Result.TotalSeconds), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

        var generatorLogger = loggerFactory.CreateLogger<CentreDayGenerator>();
        foreach (var (agent, (_, _, plan, devices)) in _agents.Zip(centres))
        {
            _subscriptions.Add(Feed.Watch(agent.Centre, agent.Pipeline, agent.Doors));
            _generators.Add(new CentreDayGenerator(agent.Centre, plan, agent.Pipeline, agent.Hardware, agent.Doors, Clock, generatorLogger, devices, Feed));
            DemoLog.AgentStarted(_logger, agent.Centre.Id, agent.Centre.People.Count, plan.Count);
        }

        Feed.Say(string.Create(CultureInfo.InvariantCulture,
            $"Hub on {Hub.BaseAddress} (MQTT 127.0.0.1:{Hub.MqttPort}); {_agents.Count} centres play {Day:yyyy-MM-dd} from {Options.StartTime:HH:mm} at {Options.Speed}x. Try: curl {StatusUri}   Ctrl+C stops."));
        var showcase = DemoCastGenerator.ShowcaseCentre;
        var month = Day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Feed.Say($"As the manager (admin key of this demo's store): K={AdminKey}");
        foreach (var (what, path) in new[]
        {
            ("members", $"api/members?site={showcase}"),
            ("bookings", $"api/bookings?site={showcase}"),
            ("usage", $"api/usage/records?site={showcase}&size=20"),
            ("rooms", $"api/usage/rooms?site={showcase}&month={month}"),
        })
        {
            Feed.Say($"  {what,-8} curl -H \"X-Api-Key: $K\" '{new Uri(Hub.BaseAddress, path)}'");
        }

        Feed.Say($"  also api/events, api/billing/tariffs, api/billing/statements/{month}/csv (docs/admin-api.md, docs/billing.md)");
        if (Options.Traffic)
        {
            _trafficDone = Task.WhenAll(_generators.Select((g, i) => PlayAsync(g, _agents[i].Centre.Id, _synced[i], _traffic.Token)));
        }
    }

    /// <summary>Stops everything in order and reports, per centre, how far the hub got.</summary>
    public async Task<IReadOnlyList<DemoSiteSummary>> StopAsync(TimeSpan drainBudget, CancellationToken cancellationToken)
    {
        if (_stopped)
        {
            return [];
        }

        _stopped = true;
        DemoLog.Stopping(_logger);
        await _traffic.CancelAsync().ConfigureAwait(false);
        await _trafficDone.ConfigureAwait(false);
        await _firstEventsWatch.ConfigureAwait(false);
        await Task.WhenAll(_synced).ConfigureAwait(false);

        // Let the hub catch up with what the traffic journaled, so the closing figures mean something.
        var drained = new Dictionary<string, (long Head, long Committed)>(StringComparer.Ordinal);
        var deadline = Stopwatch.StartNew();
        foreach (var agent in _agents)
        {
            long head;
            long committed;
            while (true)
            {
                head = agent.Journal.LastSequence;
                committed = Committed(agent.Centre.Id);
                if (committed >= head || deadline.Elapsed >= drainBudget)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }

            if (committed < head)
            {
                DemoLog.DrainIncomplete(_logger, agent.Centre.Id, committed, head, deadline.Elapsed.TotalSeconds);
            }

            drained[agent.Centre.Id] = (head, committed);
        }

        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
        await Task.WhenAll(_agents.Select(a => StopAgentAsync(a, cancellationToken))).ConfigureAwait(false);
        var summaries = _agents.Select((a, i) => new DemoSiteSummary(
            a.Centre.Id,
            drained[a.Centre.Id].Head,
            drained[a.Centre.Id].Committed,
            a.Journal.LastSequence,
            _generators.Count > i ? _generators[i].StepsDone : 0)).ToList();
        await Hub.StopAsync(cancellationToken).ConfigureAwait(false);
        return summaries;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped && Hub is not null)
        {
            try
            {
                await StopAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Disposal after a failed start: the parts still get disposed below.
                DemoLog.AgentStopFailed(_logger, "(demo)", exception);
            }
        }

        foreach (var agent in _agents)
        {
            await agent.DisposeAsync().ConfigureAwait(false);
        }

        if (Hub is not null)
        {
            await Hub.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var devices in _devices)
        {
            await devices.Pcs.DisposeAsync().ConfigureAwait(false);
            await devices.Copier.DisposeAsync().ConfigureAwait(false);
        }

        _hubApi?.Dispose();
        _traffic.Dispose();
    }

    private long Committed(string site) => Hub.Activity.Find(site)?.CommittedThrough ?? 0;

    private async Task PlayAsync(CentreDayGenerator generator, string site, Task<bool> synced, CancellationToken cancellationToken)
    {
        try
        {
            // The day starts once the gateway decides with the hub's data (or plays anyway after the warning).
            await synced.ConfigureAwait(false);
            await generator.RunAsync(cancellationToken).ConfigureAwait(false);
            DemoLog.DayFinished(_logger, site, generator.StepsDone);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            DemoLog.GeneratorFailed(_logger, site, exception);
        }
    }

    private async Task WatchFirstEventsAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!_agents.TrueForAll(a => Committed(a.Centre.Id) > 0))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }

            var elapsed = _sinceStart.Elapsed;
            DemoLog.FirstEventsVisible(_logger, elapsed.TotalSeconds);
            _firstEvents.TrySetResult(elapsed);
        }
        catch (OperationCanceledException)
        {
            _firstEvents.TrySetCanceled(cancellationToken);
        }
    }

    private async Task EnterAccessDataAsync(DemoAdministration administration, IReadOnlyList<DemoCentre> centres, CancellationToken cancellationToken)
    {
        var entering = Stopwatch.StartNew();
        await administration.EnterTariffsAsync(DemoAdminRecords.Tariffs(Day), cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(centres.Select(c => administration.EnterCentreAsync(DemoAdminRecords.For(c), Day, c.Site.TimeZone, cancellationToken))).ConfigureAwait(false);
        var (members, bookings) = (centres.Sum(c => c.People.Count), centres.Sum(c => c.Bookings.Count));
        DemoLog.AccessDataEntered(_logger, members, bookings, entering.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Waits until the site's gateway reports running the hub's credential version (<c>GET /api/sites/{site}/credentials</c>);
    /// false, with a warning, if it does not within <see cref="SyncBudget"/> or the demo stops first.
    /// </summary>
    private async Task<bool> WaitForAccessDataAsync(DemoAdministration administration, string site, CancellationToken cancellationToken)
    {
        var waiting = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                var versions = await administration.CredentialsAsync(site, cancellationToken).ConfigureAwait(false);
                if (versions.Version > 0 && versions.Reported == versions.Version)
                {
                    DemoLog.AccessDataSynced(_logger, site, versions.Version, _sinceStart.Elapsed.TotalSeconds);
                    return true;
                }

                if (waiting.Elapsed >= SyncBudget)
                {
                    DemoLog.AccessDataNotSynced(_logger, site, versions.Version, versions.Reported, waiting.Elapsed.TotalSeconds, null);
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException)
        {
            DemoLog.AccessDataNotSynced(_logger, site, 0, null, waiting.Elapsed.TotalSeconds, exception);
            return false;
        }
    }

    private async Task StopAgentAsync(DemoAgent agent, CancellationToken cancellationToken)
    {
        try
        {
            await agent.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            DemoLog.AgentStopFailed(_logger, agent.Centre.Id, exception);
        }
    }
}
