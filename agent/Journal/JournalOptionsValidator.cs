using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Journal;

/// <summary>Rejects journal settings that would lose records or stall the writer, naming the bad setting.</summary>
public sealed class JournalOptionsValidator : IValidateOptions<JournalOptions>
{
    public ValidateOptionsResult Validate(string? name, JournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            failures.Add("Journal:DatabasePath is required (path of the SQLite journal file).");
        }

        if (options.FlushInterval < TimeSpan.Zero || options.FlushInterval > TimeSpan.FromSeconds(5))
        {
            failures.Add($"Journal:FlushInterval must be between 0 and 5 s (got {options.FlushInterval}); it bounds how long a record waits to be durable.");
        }

        if (options.MaxBatch is < 1 or > 100_000)
        {
            failures.Add($"Journal:MaxBatch must be between 1 and 100000 (got {options.MaxBatch}).");
        }

        if (options.RetryInitialDelay <= TimeSpan.Zero)
        {
            failures.Add($"Journal:RetryInitialDelay must be positive (got {options.RetryInitialDelay}).");
        }

        if (options.RetryMaxDelay < options.RetryInitialDelay)
        {
            failures.Add($"Journal:RetryMaxDelay ({options.RetryMaxDelay}) must not be shorter than RetryInitialDelay ({options.RetryInitialDelay}).");
        }

        if (options.ShutdownRetryBudget < TimeSpan.Zero)
        {
            failures.Add($"Journal:ShutdownRetryBudget must not be negative (got {options.ShutdownRetryBudget}).");
        }

        if (options.Retention < TimeSpan.FromDays(1) || options.Retention > TimeSpan.FromDays(3650))
        {
            failures.Add($"Journal:Retention must be between 1 day and 3650 days (got {options.Retention}); the CNIL guidance is at most 3 months (90.00:00:00).");
        }

        if (options.RetentionInterval < TimeSpan.FromMinutes(1) || options.RetentionInterval > TimeSpan.FromDays(7))
        {
            failures.Add($"Journal:RetentionInterval must be between 1 minute and 7 days (got {options.RetentionInterval}).");
        }

        if (options.RetentionStartDelay < TimeSpan.Zero || options.RetentionStartDelay > TimeSpan.FromDays(1))
        {
            failures.Add($"Journal:RetentionStartDelay must be between 0 and 1 day (got {options.RetentionStartDelay}).");
        }

        if (options.RetentionBatch is < 1 or > 100_000)
        {
            failures.Add($"Journal:RetentionBatch must be between 1 and 100000 (got {options.RetentionBatch}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
