namespace Cybercantal.Edge.Agent.Sites;

/// <summary>One use of a GPIO line in a site file, kept to report lines wired to two things.</summary>
internal sealed record SitePinUse(int Pin, string Use, SiteYamlNode Node);
