namespace Cybercantal.Edge.Protocol.Sites;

/// <summary>A tracked resource of the centre: <see cref="Kind"/> is <c>pc</c>, <c>copier</c> or <c>visio</c>, in zone <see cref="Zone"/>.</summary>
public sealed record SiteDescriptionResource(string Id, string Kind, string Zone);
