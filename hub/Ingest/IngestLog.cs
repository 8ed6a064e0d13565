using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Hub.Ingest;

/// <summary>Journal ingest log messages, event ids 2060-2099.</summary>
internal static partial class IngestLog
{
    [LoggerMessage(EventId = 2060, Level = LogLevel.Warning, Message = "Journal batch from site {Site} refused: {Reason}")]
    public static partial void BatchRefused(ILogger logger, string site, string reason);

    [LoggerMessage(EventId = 2061, Level = LogLevel.Error, Message = "Committing {Batches} journal batches failed; nothing stored, the agents will resend")]
    public static partial void CommitFailed(ILogger logger, int batches, Exception exception);

    [LoggerMessage(EventId = 2062, Level = LogLevel.Information, Message = "Site {Site} has a journal gap: committed through {CommittedThrough}, holds up to {HighestStored}; asking to resend from {ResendFrom}")]
    public static partial void GapDetected(ILogger logger, string site, long committedThrough, long highestStored, long resendFrom);

    [LoggerMessage(EventId = 2063, Level = LogLevel.Information, Message = "Journal store opened at {Path}: {Sites} sites known")]
    public static partial void StoreOpened(ILogger logger, string path, int sites);

    [LoggerMessage(EventId = 2064, Level = LogLevel.Information, Message = "Journal ingest stopped after draining its queue")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 2065, Level = LogLevel.Debug, Message = "Committed {Batches} batches, {Inserted} new records")]
    public static partial void GroupCommitted(ILogger logger, int batches, int inserted);

    [LoggerMessage(EventId = 2066, Level = LogLevel.Error, Message = "{Observer} failed on committed journal records; the records stay committed")]
    public static partial void ObserverFailed(ILogger logger, string observer, Exception exception);
}
