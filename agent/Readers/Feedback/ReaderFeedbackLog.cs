using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Readers.Feedback;

/// <summary>Log messages of reader LEDs and buzzers. Event ids 1700-1749 are stable: never reuse one.</summary>
internal static partial class ReaderFeedbackLog
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Error, Message = "Reader {ReaderId}: cannot open {Output} on GPIO {Pin}; that output stays silent, the others work")]
    public static partial void OpenFailed(ILogger logger, Exception exception, string readerId, FeedbackOutput output, int pin);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Error, Message = "Reader {ReaderId}: cannot drive {Output} on GPIO {Pin}")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string readerId, FeedbackOutput output, int pin);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Debug, Message = "Reader {ReaderId}: showing {Pattern}")]
    public static partial void Showing(ILogger logger, string readerId, FeedbackPattern pattern);
}
