namespace Cybercantal.Edge.Agent.Sites;

/// <summary>The LEDs and buzzer a reader uses to answer a badge; each output is optional.</summary>
public sealed class FeedbackConfiguration
{
    public int? GreenLedPin { get; init; }

    public int? RedLedPin { get; init; }

    public int? BuzzerPin { get; init; }

    public SignalLevel ActiveLevel { get; init; } = SignalLevel.High;
}
