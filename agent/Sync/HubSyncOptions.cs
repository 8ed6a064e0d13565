namespace Cybercantal.Edge.Agent.Sync;

/// <summary>
/// Tuning of the link to the hub (configuration section <c>Sync</c>). The defaults fit a 2 Mbit/s sDSL
/// line: the journal backlog may use half of it, so live events and the credential stream keep flowing
/// while a long outage drains.
/// </summary>
public sealed class HubSyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>
    /// Null: on when the site file has a <c>hub</c> section (off in <c>--simulate</c> mode). True or false
    /// forces it (true still needs a <c>hub</c> section).
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Records per journal batch; at most <see cref="Protocol.Mqtt.ProtocolLimits.MaxBatchRecords"/>.</summary>
    public int BatchRecords { get; set; } = 500;

    /// <summary>Payload bytes per second the backlog may use (0 = no cap). 125,000 B/s = 1 Mbit/s.</summary>
    public int BacklogBytesPerSecond { get; set; } = 125_000;

    /// <summary>How long new records may gather before a partial batch is sent (live events wait at most this).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>With records sent and no ack advancing for this long, resend from the last ack.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Batches sent beyond the last ack before the outbox waits for one (flow control).</summary>
    public int MaxUnackedBatches { get; set; } = 8;

    /// <summary>MQTT keep-alive: a dead link is noticed within about 1.5 times this.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the broker keeps this gateway's session (and QoS 1 messages for it) while it is away.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Timeout of one connection attempt or one publish acknowledgement.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First reconnection delay; doubles at each failure up to <see cref="ReconnectMaxDelay"/>, with jitter.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>File holding the session counter and the last acknowledged sequence (default: <c>sync-state</c> next to the journal).</summary>
    public string? StatePath { get; set; }
}
