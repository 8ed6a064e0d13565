namespace Cybercantal.Edge.Agent.Sites;

/// <summary>The relay output that releases a door's lock.</summary>
public sealed class StrikeConfiguration
{
    public required int Pin { get; init; }

    /// <summary>The level written to the pin to unlock; the opposite level locks.</summary>
    public SignalLevel UnlockLevel { get; init; } = SignalLevel.High;

    /// <summary>How long a grant keeps the door unlocked.</summary>
    public required TimeSpan UnlockTime { get; init; }
}
