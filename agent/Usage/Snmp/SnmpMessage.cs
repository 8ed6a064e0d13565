namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>
/// An SNMP v1/v2c message carrying a non-trap PDU. <see cref="PduType"/> is the BER tag (<see cref="BerTag.GetRequest"/>,
/// <see cref="BerTag.Response"/>...). The community is a weak secret: this type's ToString never shows it.
/// </summary>
public sealed record SnmpMessage(
    SnmpVersion Version,
    byte[] Community,
    byte PduType,
    int RequestId,
    SnmpErrorStatus ErrorStatus,
    int ErrorIndex,
    IReadOnlyList<SnmpVarBind> VarBinds)
{
    public override string ToString() =>
        $"SNMP {Version} PDU 0x{PduType:X2} id {RequestId} error {ErrorStatus}/{ErrorIndex}, {VarBinds.Count} variable bindings";
}
