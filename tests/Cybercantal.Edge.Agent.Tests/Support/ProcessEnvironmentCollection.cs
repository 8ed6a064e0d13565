namespace Cybercantal.Edge.Agent.Tests.Support;

/// <summary>Tests that set process-wide environment variables (NOTIFY_SOCKET, WATCHDOG_USEC) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
