namespace Cybercantal.Edge.Demo;

/// <summary>
/// What a centre's day uses beyond its doors: the agent's PC session endpoint (the PCs' session hooks call
/// it), the PCs' liveness listeners and the copier's SNMP agent.
/// </summary>
public sealed record DemoUsageDevices(Uri PcEndpoint, DemoPcFarm Pcs, DemoCopier Copier);
