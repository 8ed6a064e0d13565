namespace Cybercantal.Edge.Agent.Journal;

/// <summary>
/// Settings of the SQLite journal. Validated at start by <see cref="JournalOptionsValidator"/>.
/// The durability bound of an appended record is <see cref="FlushInterval"/> plus one commit (one fsync).
/// </summary>
public sealed class JournalOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string SectionName = "Journal";

    /// <summary>Path of the SQLite database file; its directory is created when missing.</summary>
    public string DatabasePath { get; set; } = "/var/lib/cybercantal/journal.db";

    /// <summary>
    /// Group-commit window: the writer commits at most this long after the first record of a batch was
    /// appended. Zero commits as soon as the writer is free (batches then form only while a commit runs).
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Most records in one transaction; reaching it also starts a commit before the window ends.</summary>
    public int MaxBatch { get; set; } = 4096;

    /// <summary>First delay before retrying a failed commit; doubles on each failure up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest delay between two commit attempts while the disk keeps failing.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// At shutdown, how much retry back-off the writer accepts before giving up on records it cannot write
    /// (they are then reported lost in the log: the process is exiting anyway).
    /// </summary>
    public TimeSpan ShutdownRetryBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Run <c>PRAGMA quick_check</c> on open so a torn or corrupt file is reported before use.</summary>
    public bool QuickCheckOnOpen { get; set; } = true;

    /// <summary>
    /// How long raw records are kept on the gateway (CNIL guidance for workplace badge systems: at most 3 months).
    /// A record is deleted once it is older than this AND acknowledged by the hub (a gateway without a hub
    /// deletes by age only). Between 1 day and 3650 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Time between two retention runs (daily).</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Delay between the agent's start and the first retention run (lets the doors and the hub link settle first).</summary>
    public TimeSpan RetentionStartDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most records deleted in one transaction: appends wait for at most one such batch.</summary>
    public int RetentionBatch { get; set; } = 1000;
}
