namespace Cybercantal.Edge.Hub.Hosting;

/// <summary><c>Hub:Store</c>: the hub's SQLite database.</summary>
public sealed class HubStoreOptions
{
    public string Path { get; set; } = "/var/lib/cybercantal-hub/hub.db";
}
