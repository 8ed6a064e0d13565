namespace Cybercantal.Edge.Agent.Sites;

/// <summary>
/// One problem found in a site file. Line and column are 1-based; line 0 means the file as a whole
/// (missing, unreadable).
/// </summary>
public sealed record SiteDiagnostic(string File, int Line, int Column, string Message)
{
    /// <summary>The compiler-style form editors and terminals recognise: <c>FILE:LINE:COLUMN: message</c>.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {Message}");
}
