namespace Cybercantal.Edge.Hub.Admin;

public sealed record RightView(long Id, string MemberId, string Site, string Zone, string? Schedule, DateOnly? ValidFrom, DateOnly? ValidTo);
