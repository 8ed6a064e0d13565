namespace Cybercantal.Edge.Agent.Sites;

/// <summary>
/// A node of a site file with the position it was read at. Our own tree rather than YamlDotNet's
/// representation model so that a document cut short by a syntax error can still be built and checked.
/// </summary>
internal abstract class SiteYamlNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>What the node is, for "expected X, found Y" messages.</summary>
    public abstract string Describe();
}
