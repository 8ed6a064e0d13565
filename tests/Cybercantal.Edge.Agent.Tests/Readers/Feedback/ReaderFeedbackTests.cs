using System.Device.Gpio;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Readers.Feedback;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Readers.Feedback;

public sealed class ReaderFeedbackTests : IDisposable
{
    private const int Green = 17;
    private const int Red = 27;
    private const int Buzzer = 22;

    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(1));
    private readonly FakeTimeProvider _time = new(T0);
    private readonly SimulatedGpioDriver _driver;
    private readonly GpioController _gpio;

    public ReaderFeedbackTests()
    {
        _driver = new SimulatedGpioDriver(_time);
        _gpio = new GpioController(_driver);
    }

    public void Dispose() => _gpio.Dispose();

    [Fact]
    public void Outputs_open_at_their_off_level_before_anything_else()
    {
        using var feedback = Create(SignalLevel.High);
        using var activeLow = Create(SignalLevel.Low, green: 5, red: 6, buzzer: 13);

        Assert.All(_driver.Writes, w => Assert.True(w.IsInitialValue));
        Assert.Equal([PinValue.Low, PinValue.Low, PinValue.Low], Levels(Green, Red, Buzzer));
        Assert.Equal([PinValue.High, PinValue.High, PinValue.High], Levels(5, 6, 13));
    }

    [Fact]
    public void Granted_is_green_for_a_second_and_one_short_beep()
    {
        using var feedback = Create(SignalLevel.High);

        feedback.Show(FeedbackPattern.Granted);
        Run(TimeSpan.FromSeconds(3));

        Assert.Equal(
            [(Green, On, 0), (Buzzer, On, 0), (Buzzer, Off, 100), (Green, Off, 1000)],
            Timeline());
        Assert.Null(feedback.Running);
    }

    [Fact]
    public void Denied_is_red_for_a_second_and_three_short_beeps()
    {
        using var feedback = Create(SignalLevel.High);

        feedback.Show(AccessDecision.Deny(DenyReason.OutOfHours, memberIndex: 3));
        Run(TimeSpan.FromSeconds(3));

        Assert.Equal(
            [(Red, On, 0), (Buzzer, On, 0), (Buzzer, Off, 100), (Buzzer, On, 200), (Buzzer, Off, 300), (Buzzer, On, 400), (Buzzer, Off, 500), (Red, Off, 1000)],
            Timeline());
    }

    [Fact]
    public void Fault_blinks_red_with_one_long_beep()
    {
        using var feedback = Create(SignalLevel.High);

        feedback.Show(FeedbackPattern.Fault);
        Run(TimeSpan.FromSeconds(3));

        Assert.Equal(
            [(Red, On, 0), (Buzzer, On, 0), (Red, Off, 250), (Red, On, 500), (Red, Off, 750), (Buzzer, Off, 800), (Red, On, 1000), (Red, Off, 1250), (Red, On, 1500), (Red, Off, 1750)],
            Timeline());
    }

    [Fact]
    public void A_new_pattern_cancels_the_running_one()
    {
        using var feedback = Create(SignalLevel.High);

        feedback.Show(FeedbackPattern.Denied);
        Run(TimeSpan.FromMilliseconds(150));
        Assert.Equal(FeedbackPattern.Denied, feedback.Running);
        feedback.Show(FeedbackPattern.Granted);
        Run(TimeSpan.FromSeconds(3));

        // The denied beeps at 200 and 400 ms and the red at 1 s never happen.
        Assert.Equal(
            [(Red, On, 0), (Buzzer, On, 0), (Buzzer, Off, 100), (Red, Off, 150), (Green, On, 150), (Buzzer, On, 150), (Buzzer, Off, 250), (Green, Off, 1150)],
            Timeline());
    }

    [Fact]
    public void Active_low_outputs_are_driven_low_to_light()
    {
        using var feedback = Create(SignalLevel.Low);

        feedback.Show(FeedbackPattern.Granted);
        Run(TimeSpan.FromSeconds(2));

        Assert.Equal(
            [(Green, PinValue.Low, 0), (Buzzer, PinValue.Low, 0), (Buzzer, PinValue.High, 100), (Green, PinValue.High, 1000)],
            Timeline());
    }

    [Fact]
    public void Missing_or_broken_outputs_are_skipped_and_the_others_still_work()
    {
        _driver.FailOpening(Red, new UnauthorizedAccessException("Permission denied"));
        using var feedback = new ReaderFeedback(
            "murat-salle",
            new FeedbackConfiguration { RedLedPin = Red, BuzzerPin = Buzzer },
            _gpio,
            _time,
            NullLogger<ReaderFeedback>.Instance);

        feedback.Show(FeedbackPattern.Denied);
        Run(TimeSpan.FromSeconds(2));

        Assert.False(feedback.Has(FeedbackOutput.RedLed));
        Assert.False(feedback.Has(FeedbackOutput.GreenLed));
        Assert.Equal(6, Timeline().Count(w => w.Pin == Buzzer));
        Assert.DoesNotContain(Timeline(), w => w.Pin == Red);
    }

    [Fact]
    public void A_line_already_used_elsewhere_is_not_taken_over()
    {
        _gpio.OpenPin(Red, PinMode.Output, PinValue.High);
        using var feedback = Create(SignalLevel.High);

        feedback.Show(FeedbackPattern.Fault);
        Run(TimeSpan.FromSeconds(3));

        Assert.False(feedback.Has(FeedbackOutput.RedLed));
        Assert.Equal(PinValue.High, _driver.LevelOf(Red));
        Assert.DoesNotContain(Timeline(), w => w.Pin == Red);
    }

    [Fact]
    public void Dispose_turns_everything_off_and_releases_the_lines()
    {
        var feedback = Create(SignalLevel.High);
        feedback.Show(FeedbackPattern.Fault);
        Run(TimeSpan.FromMilliseconds(100));

        feedback.Dispose();
        Run(TimeSpan.FromSeconds(3));

        Assert.Equal([(Red, On, 0), (Buzzer, On, 0), (Red, Off, 100), (Buzzer, Off, 100)], Timeline());
        Assert.False(_driver.IsOpen(Green) || _driver.IsOpen(Red) || _driver.IsOpen(Buzzer));
        feedback.Show(FeedbackPattern.Granted);
        Assert.Equal(4, Timeline().Count);
    }

    private static PinValue On => PinValue.High;

    private static PinValue Off => PinValue.Low;

    private ReaderFeedback Create(SignalLevel activeLevel, int green = Green, int red = Red, int buzzer = Buzzer) =>
        new(
            "saint-flour-entree",
            new FeedbackConfiguration { GreenLedPin = green, RedLedPin = red, BuzzerPin = buzzer, ActiveLevel = activeLevel },
            _gpio,
            _time,
            NullLogger<ReaderFeedback>.Instance);

    /// <summary>
    /// Lets time pass millisecond by millisecond, as a real clock does: FakeTimeProvider.Advance sets the clock
    /// to the end of a long jump before it runs the timers that fell inside it.
    /// </summary>
    private void Run(TimeSpan span)
    {
        for (var t = TimeSpan.Zero; t < span; t += TimeSpan.FromMilliseconds(1))
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    private PinValue[] Levels(params int[] pins) => [.. pins.Select(_driver.LevelOf)];

    /// <summary>Every non-initial write as (pin, level, milliseconds since T0).</summary>
    private List<(int Pin, PinValue Value, double Ms)> Timeline() =>
        [.. _driver.Writes.Where(w => !w.IsInitialValue).Select(w => (w.Pin, w.Value, (w.At - T0).TotalMilliseconds))];
}
