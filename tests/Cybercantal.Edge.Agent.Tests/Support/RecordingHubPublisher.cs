using System.Text.Json;
using Cybercantal.Edge.Agent.Sync;
using Cybercantal.Edge.Protocol.Credentials;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;

namespace Cybercantal.Edge.Agent.Tests.Support;

/// <summary>An <see cref="IHubPublisher"/> that keeps what was published.</summary>
public sealed class RecordingHubPublisher : IHubPublisher
{
    private readonly Lock _lock = new();
    private readonly List<(string Leaf, byte[] Payload, bool Retain)> _messages = [];

    public bool IsHubOnline { get; set; } = true;

    public IReadOnlyList<(string Leaf, byte[] Payload, bool Retain)> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    public IReadOnlyList<CredentialsVersionReport> VersionReports =>
        [.. Messages.Where(m => m.Leaf == MqttTopics.CredentialsVersionLeaf)
            .Select(m => JsonSerializer.Deserialize(m.Payload, ProtocolJsonContext.Default.CredentialsVersionReport)!)];

    public Task PublishAsync(string leaf, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _messages.Add((leaf, payload.ToArray(), retain));
        }

        return Task.CompletedTask;
    }
}
