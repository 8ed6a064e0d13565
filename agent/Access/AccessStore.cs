using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// Holds the access snapshot the decision engine reads. Readers take <see cref="Current"/> once per
/// decision; a reload builds a complete new snapshot off to the side and swaps the reference, so a
/// decision never sees half an update.
/// </summary>
public sealed class AccessStore
{
    private readonly AccessStoreDatabase? _database;
    private readonly ILogger _logger;
    private AccessSnapshot _current;

    /// <summary>A store backed by the SQLite file; starts empty until <see cref="Reload"/>.</summary>
    public AccessStore(AccessStoreDatabase database, ILogger<AccessStore>? logger = null)
    {
        _database = database;
        _logger = logger ?? NullLogger<AccessStore>.Instance;
        _current = AccessSnapshot.Empty;
    }

    /// <summary>A store with no file (tests, simulations): snapshots are published directly.</summary>
    public AccessStore(AccessSnapshot initial, ILogger<AccessStore>? logger = null)
    {
        _logger = logger ?? NullLogger<AccessStore>.Instance;
        _current = initial;
    }

    /// <summary>Raised after a new snapshot is in place.</summary>
    public event EventHandler? SnapshotChanged;

    public AccessSnapshot Current => Volatile.Read(ref _current);

    /// <summary>
    /// Rebuilds the snapshot from the store file and swaps it in. On failure the previous snapshot
    /// stays in use (offline first: a bad read must not lock everyone out) and false is returned.
    /// </summary>
    public bool Reload()
    {
        if (_database is null)
        {
            return false;
        }

        var stopwatch = Stopwatch.StartNew();
        AccessSnapshot snapshot;
        try
        {
            snapshot = AccessSnapshot.Load(_database);
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException or FormatException)
        {
            AccessLog.SnapshotLoadFailed(_logger, _database.Path, exception);
            return false;
        }

        Swap(snapshot);

        // A full reload (start-up, after an import) leaves the previous snapshot and the load's row
        // garbage behind: several times the snapshot's size. On a gateway with little RAM, give it
        // back to the OS now rather than keeping it committed. Hub deltas use Publish, not this.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        AccessLog.SnapshotLoaded(_logger, _database.Path, snapshot.MemberCount, snapshot.BadgeCount, snapshot.RightCount,
            snapshot.LeaseCount, snapshot.BookingCount, stopwatch.ElapsedMilliseconds);
        return true;
    }

    /// <summary>Swaps in a snapshot built elsewhere (hub delta, tests).</summary>
    public void Publish(AccessSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        AccessLog.SnapshotPublished(_logger, snapshot.MemberCount, snapshot.BadgeCount);
        Swap(snapshot);
    }

    private void Swap(AccessSnapshot snapshot)
    {
        Volatile.Write(ref _current, snapshot);
        SnapshotChanged?.Invoke(this, EventArgs.Empty);
    }
}
