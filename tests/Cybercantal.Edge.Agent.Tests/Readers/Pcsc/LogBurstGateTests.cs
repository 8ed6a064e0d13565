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
    public void Clearing_a_problem_reports_what_was_not_logged_and_a_flap_within_the_window_stays_one_burst()
    {
        var time = new FakeTimeProvider();
        var gate = new LogBurstGate(time, TimeSpan.FromMinutes(1));
        gate.ShouldLog("reader", out _);
        gate.ShouldLog("reader", out _);
        gate.ShouldLog("other", out _);

        Assert.Equal(1, gate.Clear("reader"));
        Assert.Equal(0, gate.Clear("reader"));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(gate.ShouldLog("reader", out _));
        Assert.False(gate.ShouldLog("other", out _));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(gate.ShouldLog("reader", out var suppressed));
        Assert.Equal(1, suppressed);
    }
}
