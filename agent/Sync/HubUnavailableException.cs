namespace Cybercantal.Edge.Agent.Sync;

/// <summary>A publish could not be delivered: no session with the broker, or the broker refused it.</summary>
public sealed class HubUnavailableException : Exception
{
    public HubUnavailableException()
    {
    }

    public HubUnavailableException(string message)
        : base(message)
    {
    }

    public HubUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
