namespace Cybercantal.Edge.Hub.Admin;

/// <summary>Body of <c>POST /api/keys</c>.</summary>
public sealed record ApiKeyRequest(string Name, bool Admin, IReadOnlyList<string>? Sites);
