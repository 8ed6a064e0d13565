using System.Text;
using System.Text.Json;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Credentials;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Sync;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Cybercantal.Edge.Hub.Tests.Support;

/// <summary>
/// A centre's gateway for end-to-end tests: the agent's real access store, decision engine and credential
/// handler, behind a minimal test-only MQTT connection (persistent session, subscribes to the handler's
/// leaf and dispatches to it in order; publishes for the handler) standing for the agent's HubConnection.
/// </summary>
internal sealed class SiteAgent : IHubPublisher, IAsyncDisposable
{
    public const string Door = "entree";

    private readonly IMqttClient _client;
    private readonly int _port;
    private readonly string _clientId;
    private readonly SiteConfiguration _site;

    private SiteAgent(int port, string site, string directory)
    {
        _port = port;
        _clientId = "agent-" + site;
        _site = new SiteConfiguration
        {
            Id = site,
            Name = site,
            Commune = site,
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"),
            OpeningHours = WeeklySchedule.Always,
            Zones =
            [
                new ZoneConfiguration { Id = "dehors", Name = "Dehors", Kind = ZoneKind.Outside },
                new ZoneConfiguration { Id = "open-space", Name = "Open space", Kind = ZoneKind.OpenSpace },
            ],
            Doors =
            [
                new DoorConfiguration
                {
                    Id = Door,
                    Name = "Entrée",
                    FromZone = "dehors",
                    ToZone = "open-space",
                    Strike = new StrikeConfiguration { Pin = 17, UnlockTime = TimeSpan.FromSeconds(5) },
                },
            ],
        };
        Database = AccessStoreDatabase.Open(Path.Combine(directory, site + "-access.db"));
        Store = new AccessStore(Database);
        Engine = new AccessDecisionEngine(_site, Store);
        Credentials = new CredentialSyncHandler(_site, Database, Store, this, Journal, TimeProvider.System, NullLogger<CredentialSyncHandler>.Instance);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += async e =>
        {
            if (!MqttTopics.TryParseSiteTopic(e.ApplicationMessage.Topic, out _, out var leaf) || leaf != Credentials.Leaf)
            {
                return;
            }

            if (Paused)
            {
                var envelope = JsonSerializer.Deserialize(e.ApplicationMessage.Payload.FirstSpan, ProtocolJsonContext.Default.CredentialsEnvelope)!;
                Dropped.Enqueue($"{envelope.Kind}:v{envelope.Version}".ToLowerInvariant());
                return;
            }

            await Credentials.HandleAsync(e.ApplicationMessage.Payload, CancellationToken.None);
        };
    }

    public AccessStoreDatabase Database { get; }

    public AccessStore Store { get; }

    public AccessDecisionEngine Engine { get; }

    public CredentialSyncHandler Credentials { get; }

    public ListJournal Journal { get; } = new();

    /// <summary>While true, credential messages are received and dropped (a lost delta).</summary>
    public bool Paused { get; set; }

    /// <summary>What was dropped while paused, e.g. <c>delta:v3</c>, <c>snapshot:v4</c>.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Dropped { get; } = new();

    public bool IsHubOnline => _client.IsConnected;

    public static async Task<SiteAgent> StartAsync(int port, string site, string directory)
    {
        var agent = new SiteAgent(port, site, directory);
        await agent.ConnectAsync();
        return agent;
    }

    public async Task ConnectAsync()
    {
        await _client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(_clientId)
            .WithCredentials(_site.Id, RunningHub.Secret)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(86_400)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build());
        await _client.SubscribeAsync(MqttTopics.Credentials(_site.Id), MqttQualityOfServiceLevel.AtLeastOnce);
    }

    public Task DisconnectAsync() => _client.DisconnectAsync();

    public async Task PublishAsync(string leaf, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.SitePrefix(_site.Id) + leaf)
            .WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build(), cancellationToken);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"publish on {leaf} refused: {result.ReasonCode} {result.ReasonString}");
        }
    }

    public AccessDecision Decide(string credential) =>
        Engine.Decide(Credential.Parse(credential), _site.Doors[0], DateTimeOffset.UtcNow);

    /// <summary>Completes as soon as <paramref name="condition"/> holds, checked at every new snapshot.</summary>
    public async Task WaitUntilAsync(Func<SiteAgent, bool> condition, TimeSpan timeout)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, EventArgs e)
        {
            if (condition(this))
            {
                signal.TrySetResult();
            }
        }

        Store.SnapshotChanged += OnChanged;
        try
        {
            OnChanged(null, EventArgs.Empty);
            await signal.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"site {_site.Id} did not reach the expected state within {timeout} (version {Credentials.CurrentVersion}, journal: {Describe()})");
        }
        finally
        {
            Store.SnapshotChanged -= OnChanged;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }

    private string Describe()
    {
        var text = new StringBuilder();
        foreach (var entry in Journal.OfKind(JournalRecordKind.CredentialsApplied).Concat(Journal.OfKind(JournalRecordKind.CredentialsRefused)))
        {
            text.Append(entry.Kind).Append(' ').Append(entry.Detail).Append("; ");
        }

        return text.ToString();
    }
}
