namespace Cybercantal.Edge.Benchmarks;

/// <summary>One measured pass of <c>decisions-harness</c>: latency percentiles (µs), single-thread throughput, allocation.</summary>
internal readonly record struct DecisionFigures(double P50, double P99, double P999, double Max, double PerSecond, long AllocatedBytes, int Granted);
