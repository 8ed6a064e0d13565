namespace Cybercantal.Edge.Hub.Cli;

/// <summary>A clock stopped at one instant: a command run "as of" a given date (<c>--now</c>).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
