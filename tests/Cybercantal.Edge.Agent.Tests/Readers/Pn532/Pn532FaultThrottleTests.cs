using Cybercantal.Edge.Agent.Readers.Pn532;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Readers.Pn532;

public sealed class Pn532FaultThrottleTests
{
    [Fact]
    public void First_fault_passes_then_one_per_interval_with_the_count_held_back()
    {
        var time = new FakeTimeProvider();
        var throttle = new Pn532FaultThrottle(time, TimeSpan.FromMinutes(1));

        Assert.True(throttle.ShouldReport(out var first));
        Assert.Equal(0, first);
        for (var i = 0; i < 50; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            Assert.False(throttle.ShouldReport(out _));
        }

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(throttle.ShouldReport(out var suppressed));
        Assert.Equal(50, suppressed);
    }
}
