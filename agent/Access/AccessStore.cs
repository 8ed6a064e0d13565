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
    /// <summary>How long after its end a released booking is still remembered (a late hub delta may still carry it).</summary>
    private static readonly TimeSpan ReleaseMemory = TimeSpan.FromDays(2);

    private readonly AccessStoreDatabase? _database;
    private readonly ILogger _logger;
    private readonly Lock _swapGate = new();
    private readonly Dictionary<(string Zone, long StartUtcTicks), List<ReleasedBooking>> _released = [];
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

    /// <summary>
    /// Releases a booking (no-show): from now on it no longer opens its room, in this snapshot and in every
    /// later one (a reload or a hub delta that still carries the booking does not bring it back). The
    /// decision path is unchanged: the snapshot's booking is flagged once here, not looked up per badge.
    /// </summary>
    /// <returns>False when the booking was already released.</returns>
    public bool Release(ReleasedBooking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        lock (_swapGate)
        {
            var key = (booking.Zone, booking.Start.UtcTicks);
            if (!_released.TryGetValue(key, out var same))
            {
                _released[key] = same = [];
            }
            else if (same.Exists(r => string.Equals(r.MemberId, booking.MemberId, StringComparison.Ordinal)))
            {
                return false;
            }

            same.Add(booking);
            Forget(booking.Start - ReleaseMemory);
            Volatile.Write(ref _current, ApplyReleases(_current));
        }

        AccessLog.BookingReleased(_logger, booking.Zone, booking.MemberId, booking.Start);
        SnapshotChanged?.Invoke(this, EventArgs.Empty);
        return true;
    }

    /// <summary>Whether <paramref name="booking"/> was released (no-show).</summary>
    public bool IsReleased(ReleasedBooking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        lock (_swapGate)
        {
            return _released.TryGetValue((booking.Zone, booking.Start.UtcTicks), out var same)
                && same.Exists(r => string.Equals(r.MemberId, booking.MemberId, StringComparison.Ordinal));
        }
    }

    private void Swap(AccessSnapshot snapshot)
    {
        lock (_swapGate)
        {
            Volatile.Write(ref _current, ApplyReleases(snapshot));
        }

        SnapshotChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Flags the released bookings in <paramref name="snapshot"/>; one pass over the bookings, only when there are releases.</summary>
    private AccessSnapshot ApplyReleases(AccessSnapshot snapshot)
    {
        if (_released.Count == 0)
        {
            return snapshot;
        }

        var bookings = snapshot.Bookings;
        bool[]? released = null;
        for (var member = 0; member < snapshot.MemberCount; member++)
        {
            for (int b = bookings.Offsets[member], last = bookings.Offsets[member + 1]; b < last; b++)
            {
                if (!bookings.Released[b]
                    && _released.TryGetValue((bookings.Zone[b], bookings.StartUtcTicks[b]), out var same)
                    && same.Exists(r => string.Equals(r.MemberId, snapshot.MemberId(member), StringComparison.Ordinal)))
                {
                    released ??= (bool[])bookings.Released.Clone();
                    released[b] = true;
                }
            }
        }

        return released is null ? snapshot : snapshot.WithBookings(bookings.WithReleased(released));
    }

    private void Forget(DateTimeOffset endedBefore)
    {
        foreach (var (key, same) in _released.ToArray())
        {
            same.RemoveAll(r => r.End < endedBefore);
            if (same.Count == 0)
            {
                _released.Remove(key);
            }
        }
    }
}
