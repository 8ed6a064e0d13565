using System.Collections.Concurrent;
using System.Globalization;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Doors;

namespace Cybercantal.Edge.Demo;

/// <summary>
/// The demo's live view: one compact line per badge decision and per door alarm, for every centre, on one
/// shared writer. Also counts what it saw (tests and the closing summary read the figures).
/// </summary>
public sealed class DemoFeed(TextWriter output)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, DoorAlarms> _alarms = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<long> _firstDecision = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _granted;
    private long _refused;
    private long _alarmsRaised;

    public long Granted => Interlocked.Read(ref _granted);

    public long Refused => Interlocked.Read(ref _refused);

    public long AlarmsRaised => Interlocked.Read(ref _alarmsRaised);

    /// <summary>Completes with the <see cref="System.Diagnostics.Stopwatch"/> timestamp of the first badge decision shown.</summary>
    public Task<long> FirstDecision => _firstDecision.Task;

    /// <summary>Starts printing one centre's decisions and alarms; dispose the result to stop.</summary>
    public IDisposable Watch(DemoCentre centre, BadgePipeline pipeline, DoorSystem doors)
    {
        ArgumentNullException.ThrowIfNull(centre);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(doors);
        Action<BadgeDecision> decided = decision => OnDecided(centre, decision);
        Action<DoorSnapshot> doorChanged = snapshot => OnDoorChanged(centre, snapshot);
        pipeline.Decided += decided;
        doors.DoorStateChanged += doorChanged;
        return new Subscription(() =>
        {
            pipeline.Decided -= decided;
            doors.DoorStateChanged -= doorChanged;
        });
    }

    public void Say(string text)
    {
        lock (_gate)
        {
            output.WriteLine(text);
            output.Flush();
        }
    }

    /// <summary>One line for a usage move the demo plays (PC logon, copier job...), at the centre's local time.</summary>
    public void Usage(DemoCentre centre, DateTimeOffset at, string text)
    {
        ArgumentNullException.ThrowIfNull(centre);
        Say(Line(centre, at, text));
    }

    private void OnDecided(DemoCentre centre, BadgeDecision decision)
    {
        _firstDecision.TrySetResult(System.Diagnostics.Stopwatch.GetTimestamp());
        var where = decision.Door?.Id ?? decision.Reader.Id;
        var who = decision.MemberName ?? decision.Credential.ToString();
        string text;
        if (decision.Decision.Granted)
        {
            Interlocked.Increment(ref _granted);
            text = $"granted  {who,-10} {where} ({decision.Decision.Basis})";
        }
        else
        {
            Interlocked.Increment(ref _refused);
            text = $"REFUSED  {who,-10} {where}: {decision.Decision.Reason}";
        }

        Say(Line(centre, decision.At, text));
    }

    private void OnDoorChanged(DemoCentre centre, DoorSnapshot snapshot)
    {
        var key = centre.Id + "/" + snapshot.DoorId;
        var before = _alarms.GetValueOrDefault(key);
        _alarms[key] = snapshot.Alarms;
        var raised = snapshot.Alarms & ~before;
        if (raised == DoorAlarms.None)
        {
            return;
        }

        Interlocked.Increment(ref _alarmsRaised);
        var what = raised switch
        {
            _ when raised.HasFlag(DoorAlarms.ForcedOpen) => "forced open",
            _ when raised.HasFlag(DoorAlarms.HeldOpen) => "held open",
            _ when raised.HasFlag(DoorAlarms.HeldOpenPreAlarm) => "held open (pre-alarm)",
            _ => raised.ToString(),
        };
        Say(Line(centre, snapshot.At, $"ALARM    {snapshot.DoorId} {what}"));
    }

    private static string Line(DemoCentre centre, DateTimeOffset at, string text) =>
        string.Create(CultureInfo.InvariantCulture, $"{TimeZoneInfo.ConvertTime(at, centre.Site.TimeZone):HH:mm:ss} {centre.Id,-14} {text}");

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
