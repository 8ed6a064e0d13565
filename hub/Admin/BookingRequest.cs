namespace Cybercantal.Edge.Hub.Admin;

/// <summary>Body of <c>POST /api/bookings</c> and <c>PUT /api/bookings/{id}</c>: [start, end) with an explicit offset.</summary>
public sealed record BookingRequest
{
    public string? MemberId { get; init; }

    public string? Site { get; init; }

    public string? Zone { get; init; }

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }
}
