namespace Cybercantal.Edge.Hub.Admin;

public sealed record BookingView(long Id, string MemberId, string Site, string Zone, DateTimeOffset Start, DateTimeOffset End);
