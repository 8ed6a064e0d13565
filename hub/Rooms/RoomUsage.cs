using System.Text.Json.Serialization;

namespace Cybercantal.Edge.Hub.Rooms;

/// <summary>
/// One room's figures over a report period. Hours are decimals rounded to 2 places, rates to 4 places
/// (both <see cref="MidpointRounding.AwayFromZero"/>), computed from exact seconds. Nullable figures are
/// written as <c>null</c> (never omitted) with the reason in <see cref="OccupancyMissing"/>.
/// </summary>
public sealed record RoomUsage
{
    public required string Zone { get; init; }

    /// <summary>From the site description; null for a room only seen in bookings or records.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Name { get; init; }

    /// <summary><c>meeting-room</c> or <c>visio-room</c> from the description; null when not described.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Kind { get; init; }

    /// <summary>False when the room is not (or not as a room) in the site's description.</summary>
    public required bool Described { get; init; }

    /// <summary>Bookings that started in the period.</summary>
    public required int Bookings { get; init; }

    /// <summary>Booked time inside the period (bookings clipped to it).</summary>
    public required decimal BookedHours { get; init; }

    /// <summary>Use (RoomUseEnded start..end) inside the period; null when unknown (<see cref="RoomReport.UsageMissing"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required decimal? UsedHours { get; init; }

    /// <summary>No-shows (RoomNoShow) of bookings that started in the period; null when unknown.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required int? NoShows { get; init; }

    /// <summary>NoShows / Bookings; null when no booking started in the period or no-shows are unknown.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public decimal? NoShowRate { get; init; }

    /// <summary>Used hours / the site's opening hours of the period; null with <see cref="OccupancyMissing"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public decimal? OccupancyRate { get; init; }

    /// <summary>Why <see cref="OccupancyRate"/> is null (no description, no opening hours in the period, use unknown).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? OccupancyMissing { get; init; }

    /// <summary>Exact seconds behind the rounded figures (for totals and checks).</summary>
    public required long BookedSeconds { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required long? UsedSeconds { get; init; }
}
