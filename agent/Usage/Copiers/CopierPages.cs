namespace Cybercantal.Edge.Agent.Usage.Copiers;

/// <summary>
/// The pages of one copier session from its start and end counters (Counter32). Pages is null when they
/// cannot be known, and <see cref="Flag"/> says why: never zero pages for an unmeasured session.
/// </summary>
public readonly record struct CopierPages(long? Pages, string? Flag)
{
    public const string Unmeasured = "unmeasured";
    public const string CounterReset = "counter-reset";
    public const string Wrapped = "wrapped";

    private const long Counter32Range = 1L << 32;

    /// <param name="maxPlausiblePages">Most pages one session may print; a larger apparent wrap is a reset.</param>
    public static CopierPages Between(long? start, long? end, int maxPlausiblePages)
    {
        if (start is null || end is null)
        {
            return new CopierPages(null, Unmeasured);
        }

        if (end.Value >= start.Value)
        {
            return new CopierPages(end.Value - start.Value, null);
        }

        // Went down: either the 32-bit counter wrapped past 2^32 - 1 (the start was near the top), or the
        // copier was rebooted/serviced and counts from a small value again.
        var wrapped = end.Value + Counter32Range - start.Value;
        return wrapped <= maxPlausiblePages
            ? new CopierPages(wrapped, Wrapped)
            : new CopierPages(null, CounterReset);
    }
}
