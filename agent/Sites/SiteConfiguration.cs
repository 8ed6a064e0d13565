namespace Cybercantal.Edge.Agent.Sites;

/// <summary>One centre's site file, loaded and validated.</summary>
public sealed class SiteConfiguration
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Commune { get; init; }

    public SiteStatus Status { get; init; } = SiteStatus.Open;

    public IReadOnlyList<string> Specialties { get; init; } = [];

    public required TimeZoneInfo TimeZone { get; init; }

    public required WeeklySchedule OpeningHours { get; init; }

    public IReadOnlyList<ClosureDay> Closures { get; init; } = [];

    public required IReadOnlyList<ZoneConfiguration> Zones { get; init; }

    public required IReadOnlyList<DoorConfiguration> Doors { get; init; }

    public IReadOnlyList<ReaderConfiguration> Readers { get; init; } = [];

    public IReadOnlyList<PcConfiguration> Pcs { get; init; } = [];

    public IReadOnlyList<CopierConfiguration> Copiers { get; init; } = [];

    public IReadOnlyList<VisioConfiguration> Visio { get; init; } = [];

    /// <summary>The fire-alarm panel's release contact; when active every fail-safe door unlocks.</summary>
    public InputConfiguration? FireAlarm { get; init; }

    /// <summary>GPIO chip number on the gateway (libgpiod).</summary>
    public int GpioChip { get; init; }

    /// <summary>Number of lines on <see cref="GpioChip"/>; valid pins are 0 to this minus one (54 on a Raspberry Pi).</summary>
    public int GpioLineCount { get; init; } = SiteFileLoader.DefaultGpioLineCount;

    /// <summary>The site-file format version the file was written for.</summary>
    public int SchemaVersion { get; init; } = SiteFileLoader.CurrentSchemaVersion;

    public HubConnectionConfiguration? Hub { get; init; }

    /// <summary>The path the configuration was loaded from, for messages.</summary>
    public string? SourcePath { get; init; }
}
