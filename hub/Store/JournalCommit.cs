namespace Cybercantal.Edge.Hub.Store;

/// <summary>What one committed group changed: the new progress of each site it touched.</summary>
public sealed record JournalCommit(IReadOnlyDictionary<string, SiteProgress> Sites, int InsertedRecords);
