using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Usage.Copiers;

namespace Cybercantal.Edge.Agent.Tests.Support;

/// <summary>A copier counter the test sets; <see cref="Answering"/> false makes the copier silent.</summary>
public sealed class FakeCopierCounterReader : ICopierCounterReader
{
    public long Counter { get; set; }

    public bool Answering { get; set; } = true;

    public int Reads { get; private set; }

    public Task<CopierReading> ReadAsync(CopierConfiguration copier, CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult(Answering
            ? new CopierReading(Counter, 3, null)
            : new CopierReading(null, null, "timeout after 1000 ms"));
    }
}
