using Cybercantal.Edge.Hub.Billing;
using Cybercantal.Edge.Hub.Credentials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Hub.Retention;

/// <summary>
/// Deletes the hub's raw journal rows (access movements, door events, usage records) older than
/// <see cref="BillingOptions.RetentionMonths"/> calendar months, after making sure every month they belong to
/// is aggregated with all its rows (a month never aggregated, or that received rows after its aggregation,
/// is closed first). Monthly aggregates and statements are kept. Runs under the billing gate, so a month
/// cannot be closed while its rows are being deleted.
/// </summary>
public sealed class RetentionRun
{
    private readonly BillingService _billing;
    private readonly TimeProvider _time;
    private readonly BillingOptions _options;
    private readonly ILogger<RetentionRun> _logger;

    public RetentionRun(BillingService billing, TimeProvider time, IOptions<BillingOptions> options, ILogger<RetentionRun> logger)
    {
        _billing = billing;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public RetentionResult Run()
    {
        var cutoff = _time.GetUtcNow().ToUniversalTime().AddMonths(-_options.RetentionMonths);
        var cutoffUs = SiteCredentialsReader.ToMicroseconds(cutoff);
        var closed = new List<string>();
        lock (_billing.Gate)
        {
            foreach (var month in MonthsToClose(cutoffUs))
            {
                _billing.CloseMonth(month);
                closed.Add(month.ToString());
            }

            using var connection = _billing.Database.OpenConnection();
            using var transaction = connection.BeginTransaction();
            using var delete = BillingService.Command(transaction, "DELETE FROM journal WHERE at_us < $cutoff");
            delete.Parameters.AddWithValue("$cutoff", cutoffUs);
            var deleted = delete.ExecuteNonQuery();
            using var state = BillingService.Command(transaction, """
                INSERT INTO retention_state (id, deleted_before_us) VALUES (1, $cutoff)
                ON CONFLICT (id) DO UPDATE SET deleted_before_us = max(deleted_before_us, excluded.deleted_before_us)
                """);
            state.Parameters.AddWithValue("$cutoff", cutoffUs);
            state.ExecuteNonQuery();
            transaction.Commit();
            BillingLog.RetentionDone(_logger, cutoff, deleted, closed.Count);
            return new RetentionResult(cutoff, deleted, closed);
        }
    }

    private List<BillingMonth> MonthsToClose(long cutoffUs)
    {
        var months = new List<BillingMonth>();
        using var connection = _billing.Database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var oldest = BillingService.Command(transaction, "SELECT MIN(at_us) FROM journal");
        if (oldest.ExecuteScalar() is not long first || first >= cutoffUs)
        {
            return months;
        }

        var last = BillingMonth.Containing(SiteCredentialsReader.FromMicroseconds(cutoffUs - 1));
        var deletedBefore = BillingService.DeletedBefore(transaction);
        for (var month = BillingMonth.Containing(SiteCredentialsReader.FromMicroseconds(first)); month <= last; month = month.Next)
        {
            var start = SiteCredentialsReader.ToMicroseconds(month.StartUtc);
            if (start < deletedBefore && _billing.AggregatedAt(transaction, month) is not null)
            {
                continue;
            }

            using var latest = BillingService.Command(transaction, $"SELECT MAX(received_us) FROM journal WHERE at_us >= $from AND at_us < $to AND kind IN ({string.Join(',', UsageRecordKinds.All)})");
            // Same window as the aggregation: records journaled a few days after their end still belong to the month.
            var (from, to) = UsageAggregator.JournalWindow(month);
            latest.Parameters.AddWithValue("$from", from);
            latest.Parameters.AddWithValue("$to", to);
            var received = latest.ExecuteScalar() as long?;
            var aggregated = _billing.AggregatedAt(transaction, month);
            if (aggregated is null || (received is { } r && r > aggregated))
            {
                months.Add(month);
            }
        }

        return months;
    }
}
