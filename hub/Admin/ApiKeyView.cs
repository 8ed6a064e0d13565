namespace Cybercantal.Edge.Hub.Admin;

/// <summary>An API key as listed (never the key itself).</summary>
public sealed record ApiKeyView(string Id, string Name, bool Admin, IReadOnlyList<string> Sites);
