using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Readers.Feedback;

/// <summary>
/// The timings of each <see cref="FeedbackPattern"/>, as steps sorted by time. Distinct by colour and by
/// sound so a member who cannot see the LED (sun, low vision) or hear the buzzer still understands.
/// Every pattern ends with all its outputs off.
/// </summary>
public static class FeedbackPatterns
{
    public static readonly TimeSpan LedDuration = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan ShortBeep = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan BeepSpacing = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan LongBeep = TimeSpan.FromMilliseconds(800);
    public static readonly TimeSpan BlinkHalfPeriod = TimeSpan.FromMilliseconds(250);
    public const int FaultBlinks = 4;

    private static readonly FeedbackStep[] GrantedSteps = Sorted(
    [
        new(TimeSpan.Zero, FeedbackOutput.GreenLed, On: true),
        new(TimeSpan.Zero, FeedbackOutput.Buzzer, On: true),
        new(ShortBeep, FeedbackOutput.Buzzer, On: false),
        new(LedDuration, FeedbackOutput.GreenLed, On: false),
    ]);

    private static readonly FeedbackStep[] DeniedSteps = Sorted(
    [
        new(TimeSpan.Zero, FeedbackOutput.RedLed, On: true),
        .. Beeps(3),
        new(LedDuration, FeedbackOutput.RedLed, On: false),
    ]);

    private static readonly FeedbackStep[] FaultSteps = Sorted(
    [
        .. Blinks(FaultBlinks),
        new(TimeSpan.Zero, FeedbackOutput.Buzzer, On: true),
        new(LongBeep, FeedbackOutput.Buzzer, On: false),
    ]);

    /// <summary>The steps of <paramref name="pattern"/>, sorted by time.</summary>
    public static ReadOnlySpan<FeedbackStep> Steps(FeedbackPattern pattern) => pattern switch
    {
        FeedbackPattern.Granted => GrantedSteps,
        FeedbackPattern.Denied => DeniedSteps,
        FeedbackPattern.Fault => FaultSteps,
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Unknown feedback pattern."),
    };

    /// <summary>The pattern answering an access decision.</summary>
    public static FeedbackPattern For(AccessDecision decision) => decision.Granted ? FeedbackPattern.Granted : FeedbackPattern.Denied;

    private static IEnumerable<FeedbackStep> Beeps(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new(BeepSpacing * i, FeedbackOutput.Buzzer, On: true);
            yield return new((BeepSpacing * i) + ShortBeep, FeedbackOutput.Buzzer, On: false);
        }
    }

    private static IEnumerable<FeedbackStep> Blinks(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new(BlinkHalfPeriod * (2 * i), FeedbackOutput.RedLed, On: true);
            yield return new(BlinkHalfPeriod * ((2 * i) + 1), FeedbackOutput.RedLed, On: false);
        }
    }

    // Stable sort: steps at the same instant keep their declared order.
    private static FeedbackStep[] Sorted(FeedbackStep[] steps) => [.. steps.OrderBy(s => s.At)];
}
