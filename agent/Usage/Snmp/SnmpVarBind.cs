namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>One variable binding: an OID and its value (NULL in a request).</summary>
public sealed record SnmpVarBind(SnmpOid Oid, SnmpValue Value);
