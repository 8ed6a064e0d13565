namespace Cybercantal.Edge.Protocol.Sites;

/// <summary>
/// Agent -> hub on <c>sites/{site}/description</c> (QoS 1, retained), at every connection: what the site
/// file says about the centre that the hub needs for reports (time zone, opening hours, closures, zones,
/// resources). The site file on the gateway stays the single source of truth; the hub keeps the latest.
/// </summary>
public sealed record SiteDescription
{
    public int Schema { get; init; } = Mqtt.ProtocolLimits.DescriptionSchema;

    public required string Site { get; init; }

    public required string Name { get; init; }

    /// <summary>IANA time zone id of the centre (<c>Europe/Paris</c>); opening hours and closures are in it.</summary>
    public required string TimeZone { get; init; }

    /// <summary>
    /// Local opening ranges per day: keys <c>monday</c> .. <c>sunday</c> (a missing day is closed), values
    /// <c>HH:mm-HH:mm</c>, half-open, <c>24:00</c> allowed as an end.
    /// </summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> OpeningHours { get; init; }

    /// <summary>Local dates the centre is closed all day (public holidays, works).</summary>
    public IReadOnlyList<DateOnly> Closures { get; init; } = [];

    public required IReadOnlyList<SiteDescriptionZone> Zones { get; init; }

    public IReadOnlyList<SiteDescriptionResource> Resources { get; init; } = [];

    /// <summary>When the agent built the description (gateway clock).</summary>
    public required DateTimeOffset At { get; init; }
}
