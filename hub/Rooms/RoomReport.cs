using System.Text.Json.Serialization;

namespace Cybercantal.Edge.Hub.Rooms;

/// <summary>
/// The room report of one site over local days <see cref="From"/>..<see cref="To"/> (inclusive) in the
/// site's time zone, i.e. the instants [<see cref="PeriodStart"/>, <see cref="PeriodEnd"/>).
/// </summary>
public sealed record RoomReport
{
    public required string Site { get; init; }

    public required DateOnly From { get; init; }

    public required DateOnly To { get; init; }

    /// <summary>The site's time zone from its description, or <c>Europe/Paris</c> assumed when there is none.</summary>
    public required string TimeZone { get; init; }

    public required DateTimeOffset PeriodStart { get; init; }

    public required DateTimeOffset PeriodEnd { get; init; }

    /// <summary>The site's opening hours in the period (weekly hours minus closure days); null without a description.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public decimal? OpeningHours { get; init; }

    /// <summary>When the description in use was received; null when there is none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTimeOffset? DescriptionReceivedAt { get; init; }

    /// <summary>Why <see cref="OpeningHours"/> is null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Missing { get; init; }

    public required IReadOnlyList<RoomUsage> Rooms { get; init; }

    /// <summary>Room records (kinds 36, 37) of the site that could not be read and were left out.</summary>
    public required int SkippedRecords { get; init; }
}
