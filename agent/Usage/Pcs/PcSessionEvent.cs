namespace Cybercantal.Edge.Agent.Usage.Pcs;

/// <summary>What a PC's hook reports.</summary>
public enum PcSessionEvent
{
    /// <summary>A user logged in.</summary>
    Start,

    /// <summary>The user logged out.</summary>
    End,

    /// <summary>The PC's idle policy logged the user out (screen locker, GPO idle logoff).</summary>
    Idle,
}
