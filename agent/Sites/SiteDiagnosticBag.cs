namespace Cybercantal.Edge.Agent.Sites;

/// <summary>Collects the diagnostics of one file; every check adds to it and none stops the others.</summary>
internal sealed class SiteDiagnosticBag(string file)
{
    private readonly List<SiteDiagnostic> _items = [];

    public string File { get; } = file;

    public int Count => _items.Count;

    public void Add(int line, int column, string message) => _items.Add(new SiteDiagnostic(File, line, column, message));

    public void Add(SiteYamlNode node, string message) => Add(node.Line, node.Column, message);

    /// <summary>Diagnostics by position; the sort is stable so same-place messages keep their order.</summary>
    public IReadOnlyList<SiteDiagnostic> ToSortedList() => [.. _items.OrderBy(d => d.Line).ThenBy(d => d.Column)];
}
