namespace Cybercantal.Edge.Agent.Sites;

/// <summary>How the gateway reaches the hub. The secret lives in <see cref="CredentialFile"/>, never inline.</summary>
public sealed class HubConnectionConfiguration
{
    public required Uri Broker { get; init; }

    public bool Tls { get; init; } = true;

    /// <summary>Path to the file holding the gateway's MQTT password (mode 0600, owned by the agent's user).</summary>
    public required string CredentialFile { get; init; }
}
