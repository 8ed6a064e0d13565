namespace Cybercantal.Edge.Agent.Sites;

/// <summary>
/// A mapping opened with the keys it may hold: unknown keys (with a did-you-mean) and duplicated keys are
/// reported when it is opened; lookups then return the value nodes.
/// </summary>
internal sealed class SiteYamlMap
{
    private readonly Dictionary<string, KeyValuePair<SiteYamlScalar, SiteYamlNode>> _entries = new(StringComparer.Ordinal);
    private readonly SiteBindingContext _context;

    private SiteYamlMap(SiteBindingContext context, SiteYamlMapping mapping, string what)
    {
        _context = context;
        Node = mapping;
        What = what;
    }

    public SiteYamlMapping Node { get; }

    /// <summary>What this mapping is ("door 'entree'"), for messages.</summary>
    public string What { get; }

    /// <summary>Opens <paramref name="node"/> as a mapping; null (after reporting) when it is something else.</summary>
    public static SiteYamlMap? Open(SiteBindingContext context, SiteYamlNode? node, string what, IReadOnlyCollection<string> knownKeys)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not SiteYamlMapping mapping)
        {
            context.Diagnostics.Add(node, $"{what} must be a mapping (key: value lines), found {node.Describe()}");
            return null;
        }

        var map = new SiteYamlMap(context, mapping, what);
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            if (!knownKeys.Contains(key))
            {
                // Secret-looking keys get their own, more useful message from the whole-file scan.
                if (!SecretKeys.LooksLikeSecret(key))
                {
                    context.Diagnostics.Add(entry.Key, $"unknown key '{key}' in {what}{Suggestions.Hint(key, knownKeys)}");
                }

                continue;
            }

            if (map._entries.TryGetValue(key, out var first))
            {
                context.Diagnostics.Add(entry.Key, $"key '{key}' appears twice in {what} (first at line {first.Key.Line})");
                continue;
            }

            map._entries[key] = entry;
        }

        return map;
    }

    /// <summary>The value of <paramref name="key"/>, or null when absent or written empty.</summary>
    public SiteYamlNode? Optional(string key) =>
        _entries.TryGetValue(key, out var entry) && entry.Value is not SiteYamlScalar { IsNull: true } ? entry.Value : null;

    /// <summary>The value of <paramref name="key"/>; reports it missing or empty (unless the file was cut short).</summary>
    public SiteYamlNode? Required(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            _context.ReportMissing(Node, $"{What} is missing required key '{key}'");
            return null;
        }

        if (entry.Value is SiteYamlScalar { IsNull: true })
        {
            _context.Diagnostics.Add(entry.Key, $"'{key}' in {What} has no value");
            return null;
        }

        return entry.Value;
    }

    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>The key node itself, for messages that point at the key rather than the value.</summary>
    public SiteYamlScalar? KeyNode(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key : null;
}
