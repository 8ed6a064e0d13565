namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// A booking as the admin API shows it. <see cref="Status"/> is <c>booked</c>, or <c>released</c> once the
/// site reported a no-show (no check-in 10 minutes after the start): the room is free again and the booking
/// no longer reaches the sites; <see cref="ReleasedAt"/> and <see cref="ReleaseReason"/> (<c>no-show</c>) say
/// when and why.
/// </summary>
public sealed record BookingView(long Id, string MemberId, string Site, string Zone, DateTimeOffset Start, DateTimeOffset End)
{
    public const string Booked = "booked";
    public const string Released = "released";

    public string Status { get; init; } = Booked;

    public DateTimeOffset? ReleasedAt { get; init; }

    public string? ReleaseReason { get; init; }
}
