namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>
/// The outcome of <see cref="SnmpClient.GetAsync"/>. <see cref="VarBinds"/> holds the answered bindings, in the order
/// asked, when <see cref="Status"/> is <see cref="SnmpGetStatus.Success"/>; <see cref="Error"/> says what went wrong
/// otherwise, in words fit for a log line (no community in it).
/// </summary>
public sealed record SnmpGetResult(
    SnmpGetStatus Status,
    IReadOnlyList<SnmpVarBind> VarBinds,
    SnmpErrorStatus ErrorStatus,
    int ErrorIndex,
    int Attempts,
    int DiscardedResponses,
    string? Error)
{
    public bool Succeeded => Status == SnmpGetStatus.Success;
}
