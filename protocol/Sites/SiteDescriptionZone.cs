namespace Cybercantal.Edge.Protocol.Sites;

/// <summary>A zone of the centre as its site file declares it; <see cref="Kind"/> uses the site file's words (<c>meeting-room</c>, <c>visio-room</c>...).</summary>
public sealed record SiteDescriptionZone(string Id, string Name, string Kind, int Seats = 0);
