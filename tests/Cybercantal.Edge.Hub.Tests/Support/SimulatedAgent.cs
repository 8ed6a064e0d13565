using System.Text.Json;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;
using MQTTnet;
using MQTTnet.Protocol;

namespace Cybercantal.Edge.Hub.Tests.Support;

/// <summary>
/// A minimal store-and-forward agent: keeps every record until the hub's ack covers it, sends batches in
/// order, and after any failure reconnects and resends from the last acknowledged sequence.
/// </summary>
internal sealed class SimulatedAgent(int port, string site, int total, int batchSize) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private long _committed;
    private long _resendFrom;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IMqttClient? _client;

    public int Reconnections { get; private set; }

    public long Committed => Interlocked.Read(ref _committed);

    public async Task RunAsync()
    {
        long sent = 0;
        var first = true;
        while (Committed < total)
        {
            _stop.Token.ThrowIfCancellationRequested();
            try
            {
                if (_client is not { IsConnected: true })
                {
                    if (!first)
                    {
                        Reconnections++;
                    }

                    first = false;
                    await ConnectAsync();
                    sent = Committed;
                }

                var resend = Interlocked.Exchange(ref _resendFrom, 0);
                if (resend > 0)
                {
                    sent = Math.Min(sent, resend - 1);
                }

                if (sent >= total)
                {
                    // Everything sent: wait for the ack; if none comes, resend from what is acknowledged.
                    var progress = _progress.Task;
                    if (Committed < total && !await progress.WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default))
                    {
                        sent = Committed;
                    }

                    continue;
                }

                var from = sent + 1;
                var count = (int)Math.Min(batchSize, total - sent);
                var result = await _client!.PublishAsync(
                    new MqttApplicationMessageBuilder()
                        .WithTopic(MqttTopics.Journal(site))
                        .WithPayload(Batches.Bytes(site, from, count))
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                        .Build(),
                    _stop.Token);
                if (result.ReasonCode != MqttClientPublishReasonCode.Success)
                {
                    throw new InvalidOperationException($"publish refused: {result.ReasonCode} {result.ReasonString}");
                }

                sent = from + count - 1;
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not InvalidOperationException)
            {
                // The hub went away: pause briefly (network pacing, not logic timing) and reconnect.
                _client?.Dispose();
                _client = null;
                await Task.Delay(50, _stop.Token);
            }
        }
    }

    public async Task WaitForAckAsync(long sequence)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Committed < sequence)
        {
            var progress = _progress.Task;
            if (Committed >= sequence)
            {
                break;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"the hub never acknowledged {sequence} (at {Committed})");
            }

            await progress.WaitAsync(left).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _client?.Dispose();
        _stop.Dispose();
    }

    private async Task ConnectAsync()
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var ack = JsonSerializer.Deserialize(e.ApplicationMessage.Payload.FirstSpan, ProtocolJsonContext.Default.JournalAck)!;
            long current;
            do
            {
                current = Interlocked.Read(ref _committed);
            }
            while (ack.CommittedThrough > current && Interlocked.CompareExchange(ref _committed, ack.CommittedThrough, current) != current);

            if (ack.ResendFrom is { } resendFrom)
            {
                Interlocked.Exchange(ref _resendFrom, resendFrom);
            }

            Interlocked.Exchange(ref _progress, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return Task.CompletedTask;
        };
        var connected = await client.ConnectAsync(TestGateway.Options(port, site, RunningHub.Secret, "agent-" + site), _stop.Token);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            client.Dispose();
            throw new MQTTnet.Exceptions.MqttCommunicationException($"connection refused: {connected.ResultCode}");
        }

        await client.SubscribeAsync(MqttTopics.Ack(site), MqttQualityOfServiceLevel.AtLeastOnce, _stop.Token);
        _client = client;
    }
}
