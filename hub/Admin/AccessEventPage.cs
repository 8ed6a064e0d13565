namespace Cybercantal.Edge.Hub.Admin;

/// <summary>One page of access events, newest first; <see cref="HasMore"/> says whether page + 1 has any.</summary>
public sealed record AccessEventPage(IReadOnlyList<AccessEvent> Items, int Page, int Size, bool HasMore);
