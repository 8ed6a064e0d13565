namespace Cybercantal.Edge.Agent.Sites;

/// <summary>An electrical level on a GPIO line, as wired at the door.</summary>
public enum SignalLevel
{
    Low,
    High,
}
