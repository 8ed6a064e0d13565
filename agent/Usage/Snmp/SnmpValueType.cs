namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>Kinds of variable-binding value; the numbers are the BER tags.</summary>
public enum SnmpValueType
{
    Integer = BerTag.Integer,
    OctetString = BerTag.OctetString,
    Null = BerTag.Null,
    ObjectIdentifier = BerTag.ObjectIdentifier,
    IpAddress = BerTag.IpAddress,
    Counter32 = BerTag.Counter32,
    Gauge32 = BerTag.Gauge32,
    TimeTicks = BerTag.TimeTicks,
    Opaque = BerTag.Opaque,
    Counter64 = BerTag.Counter64,
    NoSuchObject = BerTag.NoSuchObject,
    NoSuchInstance = BerTag.NoSuchInstance,
    EndOfMibView = BerTag.EndOfMibView,
}
