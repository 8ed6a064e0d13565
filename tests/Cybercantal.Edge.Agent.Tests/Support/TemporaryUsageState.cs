using Cybercantal.Edge.Agent.Usage;

namespace Cybercantal.Edge.Agent.Tests.Support;

/// <summary>A <see cref="UsageStateStore"/> on a usage.db in a fresh temporary directory, both removed on dispose.</summary>
internal sealed class TemporaryUsageState : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public TemporaryUsageState() => Store = new UsageStateStore(_directory.File("usage.db"));

    public UsageStateStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        _directory.Dispose();
    }
}
