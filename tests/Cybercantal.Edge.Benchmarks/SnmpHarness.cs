using System.Diagnostics;
using System.Globalization;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support.Snmp;
using Cybercantal.Edge.Agent.Usage.Copiers;
using Cybercantal.Edge.Agent.Usage.Snmp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>
/// <c>snmp-harness [copiers] [snmpd instances] [rounds]</c>: the real <see cref="SnmpCopierCounterReader"/> with default
/// options (1 s timeout, 2 retries, v2c) polling every copier at once, against several net-snmp snmpd processes on
/// loopback ports (copiers spread round-robin over them). Prints the round time and per-read distributions; exits 1
/// when a read failed, returned a wrong counter, or the median round took 1 s or more. Needs snmpd (root installs it).
/// </summary>
internal static class SnmpHarness
{
    public const string Mode = "snmp-harness";

    public static async Task<int> RunAsync(string[] args)
    {
        var copierCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var instanceCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;

        var agents = new List<SnmpdProcess>();
        try
        {
            for (var i = 0; i < instanceCount; i++)
            {
                agents.Add(SnmpdProcess.Start(counter: 100_000UL * (ulong)(i + 1)));
            }

            var copiers = Enumerable.Range(0, copierCount)
                .Select(i => (Agent: i % instanceCount, Copier: new CopierConfiguration
                {
                    Id = $"copier-{i:D2}",
                    Zone = "copy-corner",
                    SnmpAddress = agents[i % instanceCount].Address,
                }))
                .ToArray();
            var options = new SnmpOptions();
            var reader = new SnmpCopierCounterReader(new SnmpClient(options, TimeProvider.System), Options.Create(options), NullLogger<SnmpCopierCounterReader>.Instance);

            var roundTimes = new List<double>();
            var readTimes = new List<double>();
            var failures = 0;
            for (var round = 0; round <= rounds; round++)
            {
                // The counters move between rounds, as copies are made: each read must see its own agent's value.
                for (var i = 0; i < instanceCount; i++)
                {
                    agents[i].SetCounter((100_000UL * (ulong)(i + 1)) + (ulong)round);
                }

                var started = Stopwatch.GetTimestamp();
                var results = await Task.WhenAll(copiers.Select(async c =>
                {
                    var readStarted = Stopwatch.GetTimestamp();
                    var reading = await reader.ReadAsync(c.Copier, CancellationToken.None);
                    return (c.Agent, Reading: reading, Milliseconds: Stopwatch.GetElapsedTime(readStarted).TotalMilliseconds);
                }));
                var roundMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

                foreach (var (agent, reading, milliseconds) in results)
                {
                    if (reading.PageCount != (100_000L * (agent + 1)) + round || reading.PrinterStatus != 3)
                    {
                        failures++;
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}, agent {agent}: {reading}"));
                    }

                    if (round > 0)
                    {
                        readTimes.Add(milliseconds);
                    }
                }

                // Round 0 warms up the JIT and snmpd's pass_persist scripts; it is not counted.
                if (round > 0)
                {
                    roundTimes.Add(roundMilliseconds);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                SNMP copier reads: {copierCount} copiers over {instanceCount} snmpd instances, {rounds} rounds (+1 warm-up), {failures} failed or wrong reads
                  round (all copiers at once) ms: median {Percentile(roundTimes, 0.5):F1}  p90 {Percentile(roundTimes, 0.9):F1}  min {roundTimes.Min():F1}  max {roundTimes.Max():F1}
                  single read ms: p50 {Percentile(readTimes, 0.5):F1}  p90 {Percentile(readTimes, 0.9):F1}  p99 {Percentile(readTimes, 0.99):F1}  max {readTimes.Max():F1}
                """));
            return failures == 0 && Percentile(roundTimes, 0.5) < 1000 ? 0 : 1;
        }
        finally
        {
            foreach (var agent in agents)
            {
                agent.Dispose();
            }
        }
    }

    private static double Percentile(List<double> values, double rank)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(rank * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
