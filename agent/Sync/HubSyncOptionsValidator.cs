using Cybercantal.Edge.Protocol.Mqtt;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Sync;

/// <summary>Refuses settings that would break the protocol limits or make the link misbehave.</summary>
public sealed class HubSyncOptionsValidator : IValidateOptions<HubSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, HubSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BatchRecords is < 1 or > ProtocolLimits.MaxBatchRecords)
        {
            failures.Add($"Sync:BatchRecords must be between 1 and {ProtocolLimits.MaxBatchRecords} (got {options.BatchRecords}).");
        }

        if (options.BacklogBytesPerSecond < 0)
        {
            failures.Add($"Sync:BacklogBytesPerSecond must be 0 (no cap) or positive (got {options.BacklogBytesPerSecond}).");
        }
        else if (options.BacklogBytesPerSecond is > 0 and < 1_000)
        {
            failures.Add($"Sync:BacklogBytesPerSecond below 1000 B/s would take minutes per batch (got {options.BacklogBytesPerSecond}).");
        }

        Positive(failures, nameof(options.FlushInterval), options.FlushInterval, allowZero: true);
        Positive(failures, nameof(options.AckTimeout), options.AckTimeout);
        Positive(failures, nameof(options.KeepAlive), options.KeepAlive);
        Positive(failures, nameof(options.SessionExpiry), options.SessionExpiry);
        Positive(failures, nameof(options.ConnectTimeout), options.ConnectTimeout);
        Positive(failures, nameof(options.ReconnectMinDelay), options.ReconnectMinDelay);
        if (options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            failures.Add($"Sync:ReconnectMaxDelay ({options.ReconnectMaxDelay}) must not be below Sync:ReconnectMinDelay ({options.ReconnectMinDelay}).");
        }

        if (options.KeepAlive > TimeSpan.FromSeconds(ushort.MaxValue))
        {
            failures.Add($"Sync:KeepAlive must be at most {ushort.MaxValue} s (got {options.KeepAlive}).");
        }

        if (options.MaxUnackedBatches < 1)
        {
            failures.Add($"Sync:MaxUnackedBatches must be at least 1 (got {options.MaxUnackedBatches}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string name, TimeSpan value, bool allowZero = false)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            failures.Add($"Sync:{name} must be {(allowZero ? "zero or positive" : "positive")} (got {value}).");
        }
    }
}
