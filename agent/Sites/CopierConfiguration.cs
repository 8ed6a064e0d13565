namespace Cybercantal.Edge.Agent.Sites;

/// <summary>A copier/fax whose page counter is read over SNMP.</summary>
public sealed class CopierConfiguration
{
    public required string Id { get; init; }

    public required string Zone { get; init; }

    /// <summary>host[:port] of the copier's SNMP agent.</summary>
    public required string SnmpAddress { get; init; }

    /// <summary>Relay that enables the copy-control interface during a badge session, if wired.</summary>
    public int? EnablePin { get; init; }
}
