using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>Hub admin API, credential distribution and commands: event ids 2100-2199.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Member {Member} {Action} by key {Key}")]
    public static partial void MemberChanged(ILogger logger, string key, string member, string action);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Badge {Credential} set {State} by key {Key}")]
    public static partial void BadgeChanged(ILogger logger, string key, string credential, string state);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "{What} {Id} at site {Site} saved by key {Key}")]
    public static partial void RowChanged(ILogger logger, string key, string what, long id, string site);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Admin request {Method} {Path} refused with {Status}: {Detail}")]
    public static partial void RequestRefused(ILogger logger, string method, string path, int status, string detail);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Admin request {Method} {Path} without a valid API key")]
    public static partial void Unauthenticated(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Debug, Message = "Credential delta for site {Site} version {Version} queued: {Members} members changed, {Removed} removed")]
    public static partial void DeltaQueued(ILogger logger, string site, long version, int members, int removed);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = "Credential snapshot for site {Site} version {Version} published ({Members} members)")]
    public static partial void SnapshotPublished(ILogger logger, string site, long version, int members);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Error, Message = "Credential snapshot for site {Site} could not be built")]
    public static partial void SnapshotFailed(ILogger logger, string site, Exception exception);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Warning, Message = "Credential version report from site {Site} ignored: {Reason}")]
    public static partial void VersionReportRefused(ILogger logger, string site, string reason);

    [LoggerMessage(EventId = 2114, Level = LogLevel.Information, Message = "Site {Site} runs credential version {Reported}, hub has {Current} (resync asked: {Asked}); publishing a snapshot")]
    public static partial void ResyncRequested(ILogger logger, string site, long reported, long current, bool asked);

    [LoggerMessage(EventId = 2120, Level = LogLevel.Information, Message = "Command {Id} {Name} for site {Site} sent by key {Key}, expires {ExpiresAt}")]
    public static partial void CommandSent(ILogger logger, string id, string name, string site, string key, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2130, Level = LogLevel.Information, Message = "Access events exported as CSV by key {Key}: {Rows} rows")]
    public static partial void EventsExported(ILogger logger, string key, int rows);

    [LoggerMessage(EventId = 2190, Level = LogLevel.Information, Message = "Usage records exported as CSV by key {Key}: {Rows} rows")]
    public static partial void UsageRecordsExported(ILogger logger, string key, int rows);

    [LoggerMessage(EventId = 2131, Level = LogLevel.Information, Message = "API key {Id} ({Name}) created by key {Key}")]
    public static partial void KeyCreated(ILogger logger, string id, string name, string key);

    [LoggerMessage(EventId = 2132, Level = LogLevel.Information, Message = "Booking {Id} of {Zone} at {Site} by {MemberId} starting {Start:o} released: the site reported a no-show")]
    public static partial void BookingReleased(ILogger logger, long id, string site, string zone, string memberId, DateTimeOffset start);

    [LoggerMessage(EventId = 2133, Level = LogLevel.Warning, Message = "No-show record {Seq} from site {Site} not applied to the bookings: {Problem}")]
    public static partial void NoShowNotApplied(ILogger logger, string site, long seq, string problem);

    [LoggerMessage(EventId = 2134, Level = LogLevel.Error, Message = "No-show records from site {Site} could not be applied to the bookings; the journal keeps them")]
    public static partial void NoShowFailed(ILogger logger, string site, Exception exception);
}
