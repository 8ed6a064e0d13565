namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>How a GET ended.</summary>
public enum SnmpGetStatus
{
    /// <summary>A response with our request id and error-status noError; the values may still be v2c exceptions.</summary>
    Success,

    /// <summary>No usable response within every attempt (silent agent, wrong community, only garbage or foreign ids).</summary>
    Timeout,

    /// <summary>The agent answered with a non-zero error-status (noSuchName in v1, genErr, tooBig...).</summary>
    ErrorStatus,

    /// <summary>The agent answered our request id with other variable bindings than the ones asked for.</summary>
    InvalidResponse,
}
