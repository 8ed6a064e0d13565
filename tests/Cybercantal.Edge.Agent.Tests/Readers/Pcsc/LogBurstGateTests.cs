using Cybercantal.Edge.Agent.Readers.Pcsc;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Readers.Pcsc;

public sealed class LogBurstGateTests
{
    [Fact]
    public void First_occurrence_is_logged_then_counted_then_summarised_when_the_window_rolls_over()
    {
        var time = new FakeTimeProvider();
        var gate = new LogBurstGate(time, TimeSpan.FromMinutes(1));

        Assert.True(gate.ShouldLog("service", out var suppressed));
        Assert.Equal(0, suppressed);
        for (var i = 0; i < 50; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.False(gate.ShouldLog("service", out _));
        }

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(gate.ShouldLog("service", out suppressed));
        Assert.Equal(50, suppressed);
    }

    [Fact]
    public void A_problem_that_flaps_within_its_window_is_one_burst_summarised_once_the_window_has_passed()
    {
        var time = new FakeTimeProvider();
        var gate = new LogBurstGate(time, TimeSpan.FromMinutes(1));
        Assert.True(gate.ShouldLog("reader", out _));
        Assert.False(gate.ShouldLog("reader", out _));

        // Gone, back, gone again within the minute: nothing more is logged, nothing summarised yet.
        Assert.Equal(0, gate.Clear("reader"));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(gate.ShouldLog("reader", out _));
        Assert.Equal(0, gate.Clear("reader"));

        // Once the window has passed, clearing reports the two occurrences that were not logged, and re-arms.
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, gate.Clear("reader"));
        Assert.True(gate.ShouldLog("reader", out var suppressed));
        Assert.Equal(0, suppressed);
    }

    [Fact]
    public void A_recurrence_after_the_window_is_logged_with_the_count_of_the_previous_one()
    {
        var time = new FakeTimeProvider();
        var gate = new LogBurstGate(time, TimeSpan.FromMinutes(1));
        gate.ShouldLog("other", out _);
        gate.ShouldLog("other", out _);
        gate.ShouldLog("other", out _);

        time.Advance(TimeSpan.FromMinutes(2));

        Assert.True(gate.ShouldLog("other", out var suppressed));
        Assert.Equal(2, suppressed);
    }
}
