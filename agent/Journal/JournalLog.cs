using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Journal;

/// <summary>Journal log messages; event ids 1400-1499 are stable.</summary>
internal static partial class JournalLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Journal opened at {DatabasePath}: next sequence {NextSequence} (flush interval {FlushInterval}, max batch {MaxBatch})")]
    public static partial void Opened(ILogger logger, string databasePath, long nextSequence, TimeSpan flushInterval, int maxBatch);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Error, Message = "Journal commit of {Count} records ({FirstSequence}..{LastSequence}) to {DatabasePath} failed (attempt {Attempt}); records stay queued, retrying in {RetryDelay}")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int count, long firstSequence, long lastSequence, string databasePath, int attempt, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Journal commit to {DatabasePath} succeeded again after {FailedAttempts} failed attempts; durable up to {DurableSequence}")]
    public static partial void CommitRecovered(ILogger logger, string databasePath, int failedAttempts, long durableSequence);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Journal {DatabasePath} closed, durable up to sequence {DurableSequence}")]
    public static partial void Closed(ILogger logger, string databasePath, long durableSequence);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Critical, Message = "Journal {DatabasePath}: shutdown gave up after {FailedAttempts} failed commits; {Count} records ({FirstSequence}..{LastSequence}) were NOT written")]
    public static partial void RecordsLostAtShutdown(ILogger logger, string databasePath, int failedAttempts, int count, long firstSequence, long lastSequence);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "Journal {DatabasePath}: {Count} records already stored before a failed commit were skipped on retry (up to {StoredSequence})")]
    public static partial void SkippedAlreadyStored(ILogger logger, string databasePath, int count, long storedSequence);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Critical, Message = "Journal writer for {DatabasePath} stopped unexpectedly; records appended from now on are not written")]
    public static partial void WriterStopped(ILogger logger, Exception exception, string databasePath);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Information, Message = "Journal {DatabasePath} retention: {Deleted} records deleted in {Batches} batches (older than {Cutoff:o}, acknowledged through {ThroughSequence}); {Pruned} usage bookkeeping rows pruned")]
    public static partial void RetentionCompleted(ILogger logger, string databasePath, long deleted, int batches, DateTimeOffset cutoff, long throughSequence, int pruned);

    [LoggerMessage(EventId = 1408, Level = LogLevel.Error, Message = "Journal {DatabasePath} retention run failed; old records are kept until the next run in {RetentionInterval}")]
    public static partial void RetentionFailed(ILogger logger, Exception exception, string databasePath, TimeSpan retentionInterval);

    [LoggerMessage(EventId = 1409, Level = LogLevel.Information, Message = "Journal {DatabasePath} retention: keeps {Retention}; {Mode}")]
    public static partial void RetentionStarting(ILogger logger, string databasePath, TimeSpan retention, string mode);
}
