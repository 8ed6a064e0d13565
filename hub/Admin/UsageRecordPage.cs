namespace Cybercantal.Edge.Hub.Admin;

/// <summary>One page of usage records, newest first; <see cref="HasMore"/> says whether page + 1 has any.</summary>
public sealed record UsageRecordPage(IReadOnlyList<UsageRecordView> Items, int Page, int Size, bool HasMore);
