using System.Device.Gpio;
using System.Globalization;
using System.Net.Http.Json;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Simulation;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Demo;

/// <summary>
/// Plays one centre's <see cref="CentreDayPlan"/> on its agent, in the agent's (accelerated) time: badge
/// reads go to <see cref="BadgePipeline.CredentialRead"/> as a reader would send them, doors and exit buttons
/// move through <see cref="SimulatedHardware"/>, so the agent decides, drives strikes and journals exactly
/// as in a centre. PC logons and logoffs go to the agent's PC session endpoint as the PCs' session hooks send
/// them; a frozen PC stops answering the agent's probes; the copier is used by tapping its reader and printing
/// on the demo's SNMP copier once the agent has enabled it. Steps run one after another; a late step runs at once.
/// </summary>
public sealed class CentreDayGenerator
{
    /// <summary>How long a person takes to walk through an open door (site time).</summary>
    public static readonly TimeSpan Walkthrough = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan ReachHandle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ForcedOpenFor = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan ExitPatience = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan CopierPatience = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan CopierPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PagePrintTime = TimeSpan.FromSeconds(2);

    // One client for every centre: the PC endpoints are plain HTTP on loopback.
    private static readonly HttpClient PcHooks = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly DemoCentre _centre;
    private readonly IReadOnlyList<DemoStep> _plan;
    private readonly BadgePipeline _pipeline;
    private readonly SimulatedHardware _hardware;
    private readonly DoorSystem _doors;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DemoUsageDevices _devices;
    private readonly DemoFeed _feed;
    private readonly DoorConfiguration? _entrance;
    private readonly DoorConfiguration? _openSpace;

    public CentreDayGenerator(
        DemoCentre centre,
        IReadOnlyList<DemoStep> plan,
        BadgePipeline pipeline,
        SimulatedHardware hardware,
        DoorSystem doors,
        TimeProvider time,
        ILogger logger,
        DemoUsageDevices devices,
        DemoFeed feed)
    {
        ArgumentNullException.ThrowIfNull(centre);
        _devices = devices;
        _feed = feed;
        _centre = centre;
        _plan = plan;
        _pipeline = pipeline;
        _hardware = hardware;
        _doors = doors;
        _time = time;
        _logger = logger;
        var site = centre.Site;
        var zones = site.Zones.ToDictionary(z => z.Id, StringComparer.Ordinal);
        _entrance = site.Doors.FirstOrDefault(d => zones.TryGetValue(d.FromZone, out var z) && z.Kind == ZoneKind.Outside);
        _openSpace = site.Doors.FirstOrDefault(d => zones.TryGetValue(d.ToZone, out var z) && z.Kind == ZoneKind.OpenSpace);
    }

    /// <summary>Steps played so far.</summary>
    public int StepsDone => Volatile.Read(ref _stepsDone);

    private int _stepsDone;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var step in _plan)
        {
            var local = _centre.Day.ToDateTime(step.At);
            var due = new DateTimeOffset(local, _centre.Site.TimeZone.GetUtcOffset(local));
            var wait = due - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await PlayAsync(step, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                // One odd step (a door missing from a site file) must not end the centre's day.
                DemoLog.StepFailed(_logger, _centre.Id, step.Move, exception);
            }

            Interlocked.Increment(ref _stepsDone);
        }
    }

    private Task PlayAsync(DemoStep step, CancellationToken cancellationToken) => step.Move switch
    {
        DemoMove.Arrive or DemoMove.ExpiredAttempt => BadgeThroughAsync(_entrance, step.Person!, cancellationToken),
        DemoMove.ToOpenSpace => IntoOpenSpaceAsync(step.Person!, cancellationToken),
        DemoMove.ToOffice or DemoMove.ToBookedRoom => BadgeThroughAsync(DoorInto(step.Zone), step.Person!, cancellationToken),
        DemoMove.GoOut => GoOutAsync(cancellationToken),
        DemoMove.ForceDoor => ForceAsync(cancellationToken),
        DemoMove.LeaveRoom => TapOutOfRoomAsync(step.Person!, step.Zone, cancellationToken),
        DemoMove.LogOn => ReportPcAsync(step.Pc!, step.Person!, "start", cancellationToken),
        DemoMove.LogOff => ReportPcAsync(step.Pc!, step.Person!, "end", cancellationToken),
        DemoMove.PcFreezes => FreezeAsync(step.Pc!),
        DemoMove.PcRestarts => RestartAsync(step.Pc!),
        DemoMove.Print => PrintAsync(step.Person!, step.Pages, cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>Presents the person's badge at the door's reader; walks through if the strike releases.</summary>
    private async Task BadgeThroughAsync(DoorConfiguration? door, DemoPerson person, CancellationToken cancellationToken)
    {
        if (door is null || _centre.Site.Readers.FirstOrDefault(r => r.Door == door.Id) is not { } reader)
        {
            return;
        }

        if (person.BadgeFor(door.AcceptedCredentials) is not { } badge)
        {
            // Nothing this reader can read: the person tries their card anyway and gets refused.
            badge = person.Badges[0];
        }

        _pipeline.CredentialRead(reader, badge, _time.GetTimestamp());
        await Task.Delay(ReachHandle, _time, cancellationToken).ConfigureAwait(false);
        if (_doors.Find(door.Id) is { Snapshot.IsLocked: false })
        {
            await WalkThroughAsync(door, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task IntoOpenSpaceAsync(DemoPerson person, CancellationToken cancellationToken)
    {
        if (_openSpace is null)
        {
            return;
        }

        if (_doors.Find(_openSpace.Id) is { Snapshot.IsLocked: false })
        {
            // On its unlock schedule: just push the door.
            await WalkThroughAsync(_openSpace, cancellationToken).ConfigureAwait(false);
            return;
        }

        await BadgeThroughAsync(_openSpace, person, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Out of the open space and the building by the exit buttons (doors without one are left alone).</summary>
    private async Task GoOutAsync(CancellationToken cancellationToken)
    {
        foreach (var door in new[] { _openSpace, _entrance })
        {
            if (door is null)
            {
                continue;
            }

            if (_doors.Find(door.Id) is { Snapshot.IsLocked: false })
            {
                await WalkThroughAsync(door, cancellationToken).ConfigureAwait(false);
            }
            else if (door.ExitRequest is { } button)
            {
                await ExitThroughAsync(door, button, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Holds the exit button until the strike releases (a person waits for the click), opens the door,
    /// lets go of the button and walks through. Holding until the release, rather than for a fixed time,
    /// keeps the press from being lost inside its debounce at high demo speeds.
    /// </summary>
    private async Task ExitThroughAsync(DoorConfiguration door, InputConfiguration button, CancellationToken cancellationToken)
    {
        SetInput(button, active: true);
        try
        {
            var waited = TimeSpan.Zero;
            while (_doors.Find(door.Id) is { Snapshot.IsLocked: true } && waited < ExitPatience)
            {
                await Task.Delay(PollStep, _time, cancellationToken).ConfigureAwait(false);
                waited += PollStep;
            }

            _hardware.SetDoorOpen(door, open: true);
        }
        finally
        {
            SetInput(button, active: false);
        }

        try
        {
            await Task.Delay(Walkthrough, _time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _hardware.SetDoorOpen(door, open: false);
        }
    }

    private void SetInput(InputConfiguration input, bool active) =>
        _hardware.Driver.SetInput(input.Pin, (input.ActiveLevel == SignalLevel.High) == active ? PinValue.High : PinValue.Low);

    private async Task ForceAsync(CancellationToken cancellationToken)
    {
        // The open-space door when it is locked; otherwise the first locked door with a contact.
        var door = new[] { _openSpace }.Concat(_centre.Site.Doors)
            .FirstOrDefault(d => d?.PositionSensor is not null && d != _entrance && _doors.Find(d.Id) is { Snapshot.IsLocked: true });
        if (door is null)
        {
            return;
        }

        DemoLog.ForcingDoor(_logger, _centre.Id, door.Id);
        _hardware.SetDoorOpen(door, open: true);
        try
        {
            await Task.Delay(ForcedOpenFor, _time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _hardware.SetDoorOpen(door, open: false);
        }
    }

    private async Task WalkThroughAsync(DoorConfiguration door, CancellationToken cancellationToken)
    {
        _hardware.SetDoorOpen(door, open: true);
        try
        {
            await Task.Delay(Walkthrough, _time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Stopping mid-step still leaves the door shut, as people do not leave doors open when the day stops.
            _hardware.SetDoorOpen(door, open: false);
        }
    }

    /// <summary>The holder taps the room's reader again on leaving: the agent ends the room use (badge-out).</summary>
    private Task TapOutOfRoomAsync(DemoPerson person, string? zone, CancellationToken cancellationToken)
    {
        if (DoorInto(zone) is { } door && _centre.Site.Readers.FirstOrDefault(r => r.Door == door.Id) is { } reader)
        {
            _pipeline.CredentialRead(reader, person.BadgeFor(door.AcceptedCredentials) ?? person.Badges[0], _time.GetTimestamp());
        }

        return Task.Delay(ReachHandle, _time, cancellationToken);
    }

    /// <summary>What the PC's session hook sends at logon or logoff (deploy/hooks), to this agent's endpoint.</summary>
    private async Task ReportPcAsync(string pc, DemoPerson person, string sessionEvent, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, string> { ["pc"] = pc, ["member"] = person.MemberId, ["event"] = sessionEvent };
        using var response = await PcHooks.PostAsJsonAsync(new Uri(_devices.PcEndpoint, "usage/pc-sessions"), body, cancellationToken).ConfigureAwait(false);
        var what = sessionEvent == "start" ? "logged on" : "logged off";
        _feed.Usage(_centre, _time.GetUtcNow(), response.IsSuccessStatusCode
            ? $"PC       {person.FirstName,-10} {what} {pc}"
            : string.Create(CultureInfo.InvariantCulture, $"PC       {person.FirstName,-10} {what} {pc}: the agent answered {(int)response.StatusCode}"));
    }

    private async Task FreezeAsync(string pc)
    {
        await _devices.Pcs.CrashAsync().ConfigureAwait(false);
        _feed.Usage(_centre, _time.GetUtcNow(), $"PC       {pc} froze (no answer to the agent's probes)");
    }

    private Task RestartAsync(string pc)
    {
        _devices.Pcs.Reboot();
        _feed.Usage(_centre, _time.GetUtcNow(), $"PC       {pc} restarted");
        return Task.CompletedTask;
    }

    /// <summary>
    /// Taps the copier's reader, waits for the agent to enable the copier (its relay, driven once the start
    /// counter is read over SNMP), prints the pages on the demo's copier and taps out.
    /// </summary>
    private async Task PrintAsync(DemoPerson person, int pages, CancellationToken cancellationToken)
    {
        if (_centre.Site.Copiers.Count == 0 || _centre.Site.Copiers[0] is not { } copier
            || _centre.Site.Readers.FirstOrDefault(r => r.Resource == copier.Id) is not { } reader)
        {
            return;
        }

        var badge = person.BadgeFor([CredentialKind.Nfc]) ?? person.Badges[0];
        _pipeline.CredentialRead(reader, badge, _time.GetTimestamp());
        var waited = TimeSpan.Zero;
        while (!CopierEnabled(copier) && waited < CopierPatience)
        {
            await Task.Delay(CopierPoll, _time, cancellationToken).ConfigureAwait(false);
            waited += CopierPoll;
        }

        if (!CopierEnabled(copier))
        {
            _feed.Usage(_centre, _time.GetUtcNow(), $"COPIER   {person.FirstName,-10} {copier.Id} stayed disabled; nothing printed");
            return;
        }

        try
        {
            for (var page = 0; page < pages; page++)
            {
                _devices.Copier.Print();
                await Task.Delay(PagePrintTime, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _devices.Copier.Done();
        }

        _pipeline.CredentialRead(reader, badge, _time.GetTimestamp());
        _feed.Usage(_centre, _time.GetUtcNow(), string.Create(CultureInfo.InvariantCulture, $"COPIER   {person.FirstName,-10} printed {pages} pages on {copier.Id} (counter {_devices.Copier.LifePages})"));
    }

    // Without a relay wired, the copier is always usable.
    private bool CopierEnabled(CopierConfiguration copier) =>
        copier.EnablePin is not { } pin || _hardware.Driver.LevelOf(pin) == PinValue.High;

    private DoorConfiguration? DoorInto(string? zone) => _centre.Site.Doors.FirstOrDefault(d => d.ToZone == zone);
}
