namespace Cybercantal.Edge.Agent.Readers;

/// <summary>
/// A running badge reader of any kind. <see cref="RunAsync"/> reads until cancelled, recovering from
/// hardware faults by itself; it reports to an <see cref="IBadgeReadSink"/> and never throws for a device problem.
/// </summary>
public interface IBadgeReader
{
    string ReaderId { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
