using Cybercantal.Edge.Protocol.Sites;

namespace Cybercantal.Edge.Hub.Sites;

/// <summary>The latest description a site published, and when the hub received it.</summary>
public sealed record StoredSiteDescription(SiteDescription Description, DateTimeOffset ReceivedAt);
