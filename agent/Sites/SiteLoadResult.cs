namespace Cybercantal.Edge.Agent.Sites;

/// <summary>The outcome of loading a site file: the configuration when it is valid, and every problem found.</summary>
public sealed class SiteLoadResult
{
    public SiteLoadResult(SiteConfiguration? configuration, IReadOnlyList<SiteDiagnostic> diagnostics)
    {
        Diagnostics = diagnostics;
        // A configuration with any error is never handed out: doors must not run on a half-understood file.
        Configuration = diagnostics.Count == 0 ? configuration : null;
    }

    /// <summary>The loaded site; null when <see cref="Diagnostics"/> holds anything.</summary>
    public SiteConfiguration? Configuration { get; }

    /// <summary>Every problem found, ordered by position in the file.</summary>
    public IReadOnlyList<SiteDiagnostic> Diagnostics { get; }

    public bool IsValid => Configuration is not null;
}
