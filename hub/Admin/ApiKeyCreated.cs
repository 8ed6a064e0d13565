namespace Cybercantal.Edge.Hub.Admin;

/// <summary>Answer of <c>POST /api/keys</c>: the key is shown this once.</summary>
public sealed record ApiKeyCreated(ApiKeyView Key, string Secret);
