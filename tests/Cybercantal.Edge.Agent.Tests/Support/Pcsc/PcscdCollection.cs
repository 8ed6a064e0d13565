namespace Cybercantal.Edge.Agent.Tests.Support.Pcsc;

/// <summary>Every test talking to the shared pcscd runs in this collection, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PcscdCollection : ICollectionFixture<PcscdFixture>
{
    public const string Name = "pcscd";
}
