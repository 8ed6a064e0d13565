namespace Cybercantal.Edge.Hub.Admin;

public sealed record BadgeView(string Credential, string MemberId, string State);
