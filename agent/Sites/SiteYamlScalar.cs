using YamlDotNet.Core;

namespace Cybercantal.Edge.Agent.Sites;

/// <summary>A scalar exactly as written; typing is the binder's job so errors can say what was expected.</summary>
internal sealed class SiteYamlScalar(int line, int column, string value, ScalarStyle style) : SiteYamlNode(line, column)
{
    public string Value { get; } = value;

    public ScalarStyle Style { get; } = style;

    /// <summary>True for an unquoted empty value, <c>~</c> or <c>null</c>: YAML's "nothing here".</summary>
    public bool IsNull => Style == ScalarStyle.Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "an empty value" : $"'{Value}'";
}
