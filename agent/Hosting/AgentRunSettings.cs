using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Hosting;

/// <summary>What <c>cybercantal-agent run</c> was asked to do, resolved before the host is built.</summary>
public sealed record AgentRunSettings(SiteConfiguration Site, bool Simulate, string DataDirectory, string? SeedFile)
{
    public string AccessStorePath => AccessStorePathIn(DataDirectory);

    public string JournalPath => Path.Combine(DataDirectory, "journal.db");

    public static string AccessStorePathIn(string dataDirectory) => Path.Combine(dataDirectory, "access.db");
}
