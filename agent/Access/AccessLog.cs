using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>Access-area log messages; event ids 1300-1399 are stable.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information,
        Message = "Access snapshot loaded from {Path}: {Members} members, {Badges} badges, {Rights} rights, {Leases} leases, {Bookings} bookings in {ElapsedMs} ms")]
    public static partial void SnapshotLoaded(ILogger logger, string path, int members, int badges, int rights, int leases, int bookings, long elapsedMs);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information,
        Message = "Access snapshot replaced: {Members} members, {Badges} badges")]
    public static partial void SnapshotPublished(ILogger logger, int members, int badges);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error,
        Message = "Access snapshot could not be loaded from {Path}; the previous snapshot stays in use")]
    public static partial void SnapshotLoadFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information,
        Message = "Access seed {SeedFile} imported: {Members} members, {Badges} badges, {Rights} rights, {Leases} leases, {Bookings} bookings")]
    public static partial void SeedImported(ILogger logger, string seedFile, int members, int badges, int rights, int leases, int bookings);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning,
        Message = "Access seed {SeedFile} refused with {ProblemCount} problems; nothing imported")]
    public static partial void SeedRefused(ILogger logger, string seedFile, int problemCount);

    [LoggerMessage(EventId = 1320, Level = LogLevel.Warning,
        Message = "Door {DoorId} leads to zone {Zone} which the site does not define; only staff and explicit rights open it")]
    public static partial void UnknownDoorZone(ILogger logger, string doorId, string zone);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information,
        Message = "Booking of {Zone} by {MemberId} starting {Start:o} released (no-show): it no longer opens the room")]
    public static partial void BookingReleased(ILogger logger, string zone, string memberId, DateTimeOffset start);
}
