using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Sites;

/// <summary>Log messages of the Sites area (event ids 1000-1099).</summary>
internal static partial class SitesLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Site {SiteId} loaded from {Path}: {DoorCount} doors, {ReaderCount} readers, {ZoneCount} zones")]
    public static partial void SiteLoaded(ILogger logger, string siteId, string path, int doorCount, int readerCount, int zoneCount);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "{Diagnostic}")]
    public static partial void SiteFileProblem(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Critical, Message = "Site file {Path} rejected with {ProblemCount} problems; the agent cannot drive doors without a valid site file (check it with: cybercantal-agent validate {Path})")]
    public static partial void SiteFileRejected(ILogger logger, string path, int problemCount);
}
