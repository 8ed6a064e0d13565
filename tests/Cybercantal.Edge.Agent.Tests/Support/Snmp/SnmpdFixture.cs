namespace Cybercantal.Edge.Agent.Tests.Support.Snmp;

/// <summary>One real snmpd for the <see cref="SnmpdCollection"/>.</summary>
public sealed class SnmpdFixture : IDisposable
{
    public SnmpdFixture() => Snmpd = SnmpdProcess.Start();

    public SnmpdProcess Snmpd { get; }

    public void Dispose() => Snmpd.Dispose();
}
