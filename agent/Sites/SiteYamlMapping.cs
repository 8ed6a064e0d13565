namespace Cybercantal.Edge.Agent.Sites;

/// <summary>A YAML mapping; entries keep their order and duplicates so the binder can report them.</summary>
internal sealed class SiteYamlMapping(int line, int column) : SiteYamlNode(line, column)
{
    public List<KeyValuePair<SiteYamlScalar, SiteYamlNode>> Entries { get; } = [];

    public override string Describe() => "a mapping (key: value lines)";
}
