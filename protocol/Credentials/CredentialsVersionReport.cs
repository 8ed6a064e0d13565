namespace Cybercantal.Edge.Protocol.Credentials;

/// <summary>
/// Agent -> hub on <c>sites/{site}/credentials-version</c> (QoS 1, retained): the credential version the
/// site runs. Published after every applied snapshot or delta, at connection, and with
/// <see cref="ResyncRequested"/> when a delta did not apply on top of <see cref="Version"/>; the hub then
/// publishes a fresh snapshot.
/// </summary>
public sealed record CredentialsVersionReport
{
    public required string Site { get; init; }

    /// <summary>The version applied (0 = none yet).</summary>
    public required long Version { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>True when the agent asks for a full snapshot (delta with a foreign base version).</summary>
    public bool ResyncRequested { get; init; }
}
