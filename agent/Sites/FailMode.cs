namespace Cybercantal.Edge.Agent.Sites;

/// <summary>
/// What a door does when it loses power. Fail-safe doors (maglocks, escape routes) unlock and are
/// released by the fire alarm; fail-secure doors (electric strikes on offices) stay locked.
/// </summary>
public enum FailMode
{
    FailSecure,
    FailSafe,
}
