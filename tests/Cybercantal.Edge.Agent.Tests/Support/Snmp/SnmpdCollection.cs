namespace Cybercantal.Edge.Agent.Tests.Support.Snmp;

/// <summary>Tests sharing the one snmpd run in this collection, one at a time (they change its counter).</summary>
[CollectionDefinition(Name)]
public sealed class SnmpdCollection : ICollectionFixture<SnmpdFixture>
{
    public const string Name = "snmpd";
}
