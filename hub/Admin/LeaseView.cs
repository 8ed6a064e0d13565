namespace Cybercantal.Edge.Hub.Admin;

public sealed record LeaseView(long Id, string MemberId, string Site, string Zone, DateOnly Start, DateOnly? End);
