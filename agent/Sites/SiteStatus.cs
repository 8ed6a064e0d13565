namespace Cybercantal.Edge.Agent.Sites;

/// <summary>Whether a centre is in service or only planned (Ydes, Aurillac).</summary>
public enum SiteStatus
{
    Open,
    Planned,
}
