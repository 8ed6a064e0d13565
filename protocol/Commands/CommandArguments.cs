namespace Cybercantal.Edge.Protocol.Commands;

/// <summary>Arguments of a <see cref="CommandEnvelope"/>; which ones apply depends on <see cref="CommandEnvelope.Name"/>.</summary>
public sealed record CommandArguments
{
    /// <summary><see cref="CommandNames.UnlockOnce"/>: the door id.</summary>
    public string? Door { get; init; }

    /// <summary><see cref="CommandNames.Lockdown"/>: true to lock the site down, false to lift it.</summary>
    public bool? On { get; init; }
}
