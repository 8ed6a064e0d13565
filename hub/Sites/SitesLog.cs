using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Hub.Sites;

/// <summary>Site descriptions and room reports at the hub: event ids 2150-2169 (inside the admin range 2100-2199).</summary>
internal static partial class SitesLog
{
    [LoggerMessage(EventId = 2150, Level = LogLevel.Information, Message = "Site description of {Site} stored: {Zones} zones, {Resources} resources, time zone {TimeZone}")]
    public static partial void DescriptionStored(ILogger logger, string site, int zones, int resources, string timeZone);

    [LoggerMessage(EventId = 2151, Level = LogLevel.Warning, Message = "Site description from site {Site} refused: {Reason}")]
    public static partial void DescriptionRefused(ILogger logger, string site, string reason);

    [LoggerMessage(EventId = 2152, Level = LogLevel.Error, Message = "Site description of {Site} could not be stored")]
    public static partial void DescriptionStoreFailed(ILogger logger, string site, Exception exception);

    [LoggerMessage(EventId = 2160, Level = LogLevel.Information, Message = "Room report for site {Site} {From}..{To} by key {Key}: {Rooms} rooms, {Skipped} records skipped, use from {Source}")]
    public static partial void RoomReport(ILogger logger, string site, DateOnly from, DateOnly to, string key, int rooms, int skipped, string source);

    [LoggerMessage(EventId = 2161, Level = LogLevel.Warning, Message = "Room report for site {Site} {From}..{To}: used hours and no-shows unknown: {Reason}")]
    public static partial void RoomUsageUnknown(ILogger logger, string site, DateOnly from, DateOnly to, string reason);
}
