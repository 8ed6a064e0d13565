namespace Cybercantal.Edge.Agent.Usage.Pcs;

/// <summary>How a PC report was handled; maps to an HTTP status at the endpoint.</summary>
public enum PcSessionOutcome
{
    Started,
    Ended,

    /// <summary>The request itself is malformed (no member nor credential, unreadable credential).</summary>
    Invalid,

    /// <summary>The PC is not in the site file.</summary>
    UnknownPc,

    /// <summary>The member or badge is not in the access store.</summary>
    UnknownMember,

    /// <summary>An end for a PC with no open session.</summary>
    NoOpenSession,
}
