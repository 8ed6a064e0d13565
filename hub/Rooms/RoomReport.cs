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

    /// <summary>
    /// Where every room's used hours and no-shows come from: <c>raw</c> (journal records), <c>aggregates</c>
    /// (billing's daily aggregates: the retention run deleted the period's raw records) or <c>mixed</c> (aggregates
    /// before <see cref="AggregatesUntil"/>, raw records after). Bookings always come from the hub's bookings.
    /// </summary>
    public required string UsageSource { get; init; }

    /// <summary>The Paris midnight before which use and no-shows come from the aggregates; null when all are raw.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTimeOffset? AggregatesUntil { get; init; }

    /// <summary>Why used hours and no-shows are null (raw records deleted, months never aggregated); null when known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? UsageMissing { get; init; }

    public required IReadOnlyList<RoomUsage> Rooms { get; init; }

    /// <summary>Raw room records (kinds 36, 37) of the site that could not be read and were left out (billing counts its own).</summary>
    public required int SkippedRecords { get; init; }
}
