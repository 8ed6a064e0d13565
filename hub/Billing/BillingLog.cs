using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Hub.Billing;

/// <summary>Hub billing and retention: event ids 2600-2699.</summary>
internal static partial class BillingLog
{
    [LoggerMessage(EventId = 2600, Level = LogLevel.Information, Message = "Tariff {Id} {Item} for site {Site} from {From}: {PriceCents} cents, added by key {Key}")]
    public static partial void TariffAdded(ILogger logger, long id, string item, string site, DateOnly from, long priceCents, string key);

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Month {Month} closed: {Records} usage records, from raw records {FromRaw}, {Lines} statement lines")]
    public static partial void MonthClosed(ILogger logger, string month, long records, bool fromRaw, int lines);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Month {Month}: {Skipped} usage records skipped (unknown or malformed detail), {WithoutMember} without a member")]
    public static partial void RecordsSkipped(ILogger logger, string month, long skipped, long withoutMember);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Information, Message = "Statements of {Month} exported as CSV by key {Key}: {Lines} lines")]
    public static partial void StatementsExported(ILogger logger, string month, string key, int lines);

    [LoggerMessage(EventId = 2650, Level = LogLevel.Information, Message = "Retention run: raw journal rows before {Cutoff} deleted ({Deleted} rows), {Closed} months aggregated first")]
    public static partial void RetentionDone(ILogger logger, DateTimeOffset cutoff, long deleted, int closed);

    [LoggerMessage(EventId = 2651, Level = LogLevel.Error, Message = "Retention run failed; raw rows kept, next attempt in {Interval}")]
    public static partial void RetentionFailed(ILogger logger, TimeSpan interval, Exception exception);
}
