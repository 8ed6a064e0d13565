using System.Net;

namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>Where and how to ask: the agent's UDP endpoint, the community (a weak secret, never logged) and the version.</summary>
public sealed record SnmpTarget(IPEndPoint Endpoint, string Community, SnmpVersion Version)
{
    public override string ToString() => $"{Endpoint} (SNMP {Version})";
}
