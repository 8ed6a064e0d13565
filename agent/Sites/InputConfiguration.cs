namespace Cybercantal.Edge.Agent.Sites;

/// <summary>A contact input: door-position sensor, request-to-exit button or fire-alarm relay.</summary>
public sealed class InputConfiguration
{
    public required int Pin { get; init; }

    /// <summary>
    /// The level that means "active": door open for a door sensor, pressed for an exit button,
    /// alarm for a fire input.
    /// </summary>
    public SignalLevel ActiveLevel { get; init; } = SignalLevel.High;

    /// <summary>Input changes shorter than this are contact bounce and ignored.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Whether the gateway enables the SoC's internal pull resistor on this line.</summary>
    public bool PullUp { get; init; }
}
