namespace Cybercantal.Edge.Agent.Sites;

/// <summary>A YAML sequence (a list of "- item" lines or [a, b]).</summary>
internal sealed class SiteYamlSequence(int line, int column) : SiteYamlNode(line, column)
{
    public List<SiteYamlNode> Items { get; } = [];

    public override string Describe() => "a list";
}
