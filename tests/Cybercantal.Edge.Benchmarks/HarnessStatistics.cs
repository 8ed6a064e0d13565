using System.Diagnostics;
using System.Globalization;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>Percentiles over Stopwatch tick samples and their printing, shared by the journal harnesses.</summary>
internal static class HarnessStatistics
{
    /// <summary>The value at <paramref name="quantile"/> (0..1) of the samples, which are left untouched.</summary>
    public static long Percentile(ReadOnlySpan<long> values, double quantile)
    {
        if (values.IsEmpty)
        {
            return 0;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
    }

    /// <summary>Stopwatch ticks as milliseconds, one decimal.</summary>
    public static string Ms(long ticks) => (ticks * 1000.0 / Stopwatch.Frequency).ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>Stopwatch ticks as microseconds, one decimal.</summary>
    public static string Us(long ticks) => (ticks * 1_000_000.0 / Stopwatch.Frequency).ToString("F1", CultureInfo.InvariantCulture);
}
