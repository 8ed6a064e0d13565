using Cybercantal.Edge.Agent.Readers.Pn532;

namespace Cybercantal.Edge.Agent.Tests.Readers.Pn532;

public sealed class Pn532BackoffTests
{
    [Fact]
    public void Doubles_up_to_the_cap_and_restarts_after_reset()
    {
        var backoff = new Pn532Backoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3));

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalMilliseconds).ToArray();
        backoff.Reset();

        Assert.Equal([500, 1000, 2000, 3000, 3000, 3000], delays);
        Assert.Equal(TimeSpan.FromMilliseconds(500), backoff.Next());
    }
}
