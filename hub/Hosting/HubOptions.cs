namespace Cybercantal.Edge.Hub.Hosting;

/// <summary>The <c>Hub</c> configuration section.</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    public HubMqttOptions Mqtt { get; set; } = new();

    public HubStoreOptions Store { get; set; } = new();
}
