namespace Cybercantal.Edge.Protocol.Mqtt;

/// <summary>
/// The MQTT topic tree shared by the agent and the hub. Every topic sits under <see cref="Root"/>, which
/// carries the protocol's major version so a future incompatible tree can run beside this one.
/// </summary>
public static class MqttTopics
{
    public const string Root = "cybercantal/v1/";

    public const string SitesPrefix = Root + "sites/";

    /// <summary>Retained hub online flag (<c>HubState</c>), hub -> everyone.</summary>
    public const string HubState = Root + "hub/state";

    /// <summary>The hub's subscription for every site's journal (external broker mode).</summary>
    public const string AllJournals = SitesPrefix + "+/journal";

    /// <summary>Every site's status (external broker mode).</summary>
    public const string AllStatuses = SitesPrefix + "+/status";

    public const string JournalLeaf = "journal";
    public const string AckLeaf = "ack";
    public const string StatusLeaf = "status";
    public const string CredentialsLeaf = "credentials";
    public const string CommandsLeaf = "commands";
    public const string CredentialsVersionLeaf = "credentials-version";
    public const string DescriptionLeaf = "description";

    /// <summary>Every site's description (external broker mode).</summary>
    public const string AllDescriptions = SitesPrefix + "+/" + DescriptionLeaf;

    /// <summary>Every site's credential version report (external broker mode).</summary>
    public const string AllCredentialsVersions = SitesPrefix + "+/" + CredentialsVersionLeaf;

    /// <summary>Agent -> hub, QoS 1, not retained: <c>JournalBatch</c>.</summary>
    public static string Journal(string site) => SiteTopic(site, JournalLeaf);

    /// <summary>Hub -> agent, QoS 1, retained: <c>JournalAck</c>.</summary>
    public static string Ack(string site) => SiteTopic(site, AckLeaf);

    /// <summary>Agent -> hub, QoS 1, retained birth and Will: <c>SiteStatus</c>.</summary>
    public static string Status(string site) => SiteTopic(site, StatusLeaf);

    /// <summary>Hub -> agent, QoS 1, retained latest snapshot: <c>CredentialsEnvelope</c>.</summary>
    public static string Credentials(string site) => SiteTopic(site, CredentialsLeaf);

    /// <summary>Hub -> agent, QoS 1, not retained: <c>CommandEnvelope</c>.</summary>
    public static string Commands(string site) => SiteTopic(site, CommandsLeaf);

    /// <summary>Agent -> hub, QoS 1, retained: <c>CredentialsVersionReport</c>.</summary>
    public static string CredentialsVersion(string site) => SiteTopic(site, CredentialsVersionLeaf);

    /// <summary>Agent -> hub, QoS 1, retained, at every connection: <c>SiteDescription</c>.</summary>
    public static string Description(string site) => SiteTopic(site, DescriptionLeaf);

    /// <summary>The prefix of one site's subtree, ending with '/'.</summary>
    public static string SitePrefix(string site) => SitesPrefix + site + "/";

    /// <summary>
    /// Splits <c>cybercantal/v1/sites/{site}/{leaf}</c>; false for any other shape (wrong root, extra levels,
    /// wildcards, invalid site id).
    /// </summary>
    public static bool TryParseSiteTopic(string? topic, out string site, out string leaf)
    {
        site = string.Empty;
        leaf = string.Empty;
        if (topic is null || !topic.StartsWith(SitesPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic.AsSpan(SitesPrefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || rest[(slash + 1)..].IndexOf('/') >= 0 || slash == rest.Length - 1)
        {
            return false;
        }

        var siteSpan = rest[..slash];
        if (!SiteIds.IsValid(siteSpan))
        {
            return false;
        }

        site = siteSpan.ToString();
        leaf = rest[(slash + 1)..].ToString();
        return true;
    }

    private static string SiteTopic(string site, string leaf)
    {
        if (!SiteIds.IsValid(site))
        {
            throw new ArgumentException($"'{site}' is not a valid site id ({SiteIds.Rule}).", nameof(site));
        }

        return SitesPrefix + site + "/" + leaf;
    }
}
