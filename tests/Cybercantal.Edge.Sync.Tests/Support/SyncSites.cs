namespace Cybercantal.Edge.Sync.Tests.Support;

/// <summary>Site ids the sync tests use; each test class takes its own so a shared broker never mixes them.</summary>
internal static class SyncSites
{
    public static readonly string[] All =
    [
        "backlog", "killed", "hub-restart", "status", "hub-state", "unit",
    ];
}
