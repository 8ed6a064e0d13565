namespace Cybercantal.Edge.Demo;

/// <summary>
/// The <c>Demo</c> configuration section (command line: <c>--data</c>, <c>--speed</c>, <c>--port</c>,
/// <c>--http-port</c>, <c>--seed</c>, or <c>--Demo:Key=value</c>).
/// </summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Where the hub store, the five agents' journals, access stores and credentials live.</summary>
    public string DataDirectory { get; set; } = Path.Combine("artifacts", "demo");

    /// <summary>How many times faster than real time the centres' day runs (60: a day in about 12 minutes).</summary>
    public double Speed { get; set; } = 60;

    /// <summary>Embedded MQTT broker port. Unset: 1883, or a free port when 1883 is taken. 0: a free port.</summary>
    public int? MqttPort { get; set; }

    /// <summary>Hub HTTP API port. Unset: 5080, or a free port when 5080 is taken. 0: a free port.</summary>
    public int? HttpPort { get; set; }

    /// <summary>Seed of the generated members and of the day's randomness: the same seed plays the same day.</summary>
    public int Seed { get; set; } = 2026;

    /// <summary>Local time (Europe/Paris) the accelerated day starts at.</summary>
    public TimeOnly StartTime { get; set; } = new(7, 30);

    /// <summary>False: centres and hub run without the traffic generator (nothing happens at the doors).</summary>
    public bool Traffic { get; set; } = true;
}
