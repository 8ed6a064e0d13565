using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Usage.Copiers;

/// <summary>Reads a copier's page counter and status (SNMP on a gateway). Never throws for a device problem.</summary>
public interface ICopierCounterReader
{
    Task<CopierReading> ReadAsync(CopierConfiguration copier, CancellationToken cancellationToken);
}
