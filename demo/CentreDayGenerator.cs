using System.Device.Gpio;
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
/// as in a centre. Steps run one after another; a late step runs at once.
/// </summary>
public sealed class CentreDayGenerator
{
    /// <summary>How long a person takes to walk through an open door (site time).</summary>
    public static readonly TimeSpan Walkthrough = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan ReachHandle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ForcedOpenFor = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan ExitPatience = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(50);

    private readonly DemoCentre _centre;
    private readonly IReadOnlyList<DemoStep> _plan;
    private readonly BadgePipeline _pipeline;
    private readonly SimulatedHardware _hardware;
    private readonly DoorSystem _doors;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DoorConfiguration? _entrance;
    private readonly DoorConfiguration? _openSpace;

    public CentreDayGenerator(
        DemoCentre centre,
        IReadOnlyList<DemoStep> plan,
        BadgePipeline pipeline,
        SimulatedHardware hardware,
        DoorSystem doors,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(centre);
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

    private DoorConfiguration? DoorInto(string? zone) => _centre.Site.Doors.FirstOrDefault(d => d.ToZone == zone);
}
