namespace Cybercantal.Edge.Protocol.Commands;

/// <summary>Arguments of a <see cref="CommandEnvelope"/>; which ones apply depends on <see cref="CommandEnvelope.Name"/>.</summary>
public sealed record CommandArguments
{
    /// <summary><see cref="CommandNames.UnlockOnce"/>: the door id.</summary>
    public string? Door { get; init; }

    /// <summary><see cref="CommandNames.Lockdown"/>: true to lock the site down, false to lift it.</summary>
    public bool? On { get; init; }

    /// <summary><see cref="CommandNames.EndSession"/>: the PC whose open session to end (exactly one of pc, copier, room).</summary>
    public string? Pc { get; init; }

    /// <summary><see cref="CommandNames.EndSession"/>: the copier whose open session to end.</summary>
    public string? Copier { get; init; }

    /// <summary><see cref="CommandNames.EndSession"/>: the meeting or visio room (zone id) whose open use to end.</summary>
    public string? Room { get; init; }
}
