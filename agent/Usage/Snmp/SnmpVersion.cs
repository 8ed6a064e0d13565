namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>SNMP message version; the numbers are the on-the-wire values of the version field.</summary>
public enum SnmpVersion
{
    V1 = 0,
    V2c = 1,
}
