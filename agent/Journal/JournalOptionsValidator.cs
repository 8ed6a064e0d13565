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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
