namespace Cybercantal.Edge.Hub.Hosting;

/// <summary><c>Hub:Mqtt</c>: which broker the gateways talk to and how the hub reaches it.</summary>
public sealed class HubMqttOptions
{
    public MqttBrokerMode Mode { get; set; } = MqttBrokerMode.Embedded;

    /// <summary>Embedded broker: TCP port to listen on.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Embedded broker: address to bind, <c>127.0.0.1</c> by default; <c>0.0.0.0</c> or <c>::</c> for any.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>External broker: <c>mqtt://host:port</c>.</summary>
    public string? ExternalUri { get; set; }

    /// <summary>External broker: the hub's user name (its ACL must grant <c>cybercantal/#</c>).</summary>
    public string ExternalUsername { get; set; } = "hub";

    /// <summary>External broker: a file holding the hub's password (first line), readable by the hub only.</summary>
    public string? ExternalPasswordFile { get; set; }

    /// <summary>External broker: the hub's client id; its persistent session keeps unacknowledged journals.</summary>
    public string ExternalClientId { get; set; } = "hub";
}
