namespace Cybercantal.Edge.Hub.Admin;

/// <summary>A site's credential version at the hub and the one its gateway last reported running.</summary>
public sealed record SiteCredentialsVersion(string Site, long Version, long? Reported);
