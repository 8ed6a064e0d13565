namespace Cybercantal.Edge.Agent.Sites;

/// <summary>Thrown at start-up when the site file is not valid; carries every problem found.</summary>
public sealed class SiteConfigurationException : Exception
{
    public SiteConfigurationException(string path, IReadOnlyList<SiteDiagnostic> diagnostics)
        : base($"Site file {path} is not valid ({diagnostics.Count} problems):{Environment.NewLine}{string.Join(Environment.NewLine, diagnostics)}")
    {
        Path = path;
        Diagnostics = diagnostics;
    }

    public string Path { get; }

    public IReadOnlyList<SiteDiagnostic> Diagnostics { get; }
}
