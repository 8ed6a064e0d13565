using System.Diagnostics;
using System.Globalization;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>
/// Load harness for access decisions: <c>decisions-harness [--decisions N] [--db PATH] [--bookings [--rounds N]]</c>.
/// Loads a 250,000-badge store from SQLite (generated in a child process if PATH is missing, so
/// generation garbage does not count in the RSS), then times every decision with Stopwatch
/// timestamps and reports p50/p99/p99.9 latency, single-thread decisions/s, bytes allocated per
/// decision and process RSS. <c>--bookings</c> adds room bookings to the store (<see cref="BenchmarkBookings"/>,
/// its own default file) and compares, in alternating rounds, the plain workload with one where a tenth of the
/// presentations are booked members at the rooms.
/// </summary>
internal static class AccessDecisionHarness
{
    public const string Mode = "decisions-harness";
    private const string GenerateOnly = "--generate-only";
    private const string BookingsFlag = "--bookings";

    /// <summary>Runs with the arguments after the mode name.</summary>
    public static int Run(string[] args)
    {
        var withBookings = args.Contains(BookingsFlag);
        if (Option(args, GenerateOnly) is { } generatePath)
        {
            using var writer = AccessStoreDatabase.Open(generatePath).BeginReplace();
            AccessStoreGenerator.Fill(writer);
            if (withBookings)
            {
                BenchmarkBookings.Fill(writer);
            }

            writer.Commit();
            return 0;
        }

        var decisions = int.Parse(Option(args, "--decisions") ?? "2000000", CultureInfo.InvariantCulture);
        var databasePath = Option(args, "--db") ?? Path.Combine(Path.GetTempPath(), withBookings ? "cybercantal-access-250k-bookings.db" : "cybercantal-access-250k.db");
        var output = Console.Out;

        if (!File.Exists(databasePath))
        {
            output.WriteLine($"Generating {databasePath} (100,000 members, 250,000 badges, 10,000 rights{(withBookings ? ", 30,000 bookings" : "")}) in a child process...");
            if (!GenerateInChild(databasePath, withBookings))
            {
                Console.Error.WriteLine("Store generation failed.");
                return 1;
            }
        }

        var rssBefore = RssKilobytes();
        var database = AccessStoreDatabase.Open(databasePath);
        var store = new AccessStore(database);
        var load = Stopwatch.StartNew();
        store.Reload();
        load.Stop();
        var released = withBookings ? BenchmarkBookings.ReleaseNoShows(store) : 0;
        var rssLoaded = RssKilobytes();
        var privateDirty = RollupKilobytes("Private_Dirty:");
        var sharedClean = RollupKilobytes("Shared_Clean:");
        var heap = GC.GetTotalMemory(forceFullCollection: true);

        var site = BenchmarkSite.Create();
        var engine = new AccessDecisionEngine(site, store);
        var (credentials, doors) = Workload(site, 1 << 16, withBookings: false);

        // Warm up so tiered compilation has settled into optimized code before measuring.
        Decide(engine, credentials, doors, 500_000, timings: null);

        var timings = new long[decisions];
        var plain = Measure(engine, credentials, doors, timings);
        var (p50, p99, p999, perSecond, allocated, granted) = (plain.P50, plain.P99, plain.P999, plain.PerSecond, plain.AllocatedBytes, plain.Granted);
        var bytesPerDecision = (double)allocated / decisions;
        var snapshot = store.Current;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $$"""
            Access decision harness ({{RuntimeDescription()}})
              store: {{snapshot.MemberCount:N0}} members, {{snapshot.BadgeCount:N0}} badges, {{snapshot.RightCount:N0}} rights, loaded in {{load.ElapsedMilliseconds}} ms
              RSS before load {{rssBefore / 1024.0:F1}} MB, after load {{rssLoaded / 1024.0:F1}} MB: private dirty {{privateDirty / 1024.0:F1}} MB, shared clean (mapped runtime and libraries) {{sharedClean / 1024.0:F1}} MB
              managed heap {{heap / 1048576.0:F1}} MB, GC committed {{GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:F1}} MB
              decisions: {{decisions:N0}} timed one by one, {{granted:N0}} of {{decisions:N0}} granted in the throughput pass
              latency p50 {{p50:F3}} us, p99 {{p99:F3}} us, p99.9 {{p999:F3}} us, max {{plain.Max:F1}} us
              throughput {{perSecond:N0}} decisions/s on one thread
              allocated {{bytesPerDecision:F4}} bytes/decision ({{allocated}} bytes in total)
            Targets: p99 < 20 us {{Verdict(p99 < 20)}}, >= 500,000/s {{Verdict(perSecond >= 500_000)}}, 0 B/decision {{Verdict(allocated == 0)}}, RSS < 60 MB {{Verdict(rssLoaded < 60 * 1024)}}
            """));
        if (withBookings)
        {
            var rounds = int.Parse(Option(args, "--rounds") ?? "5", CultureInfo.InvariantCulture);
            CompareWithBookings(engine, site, (credentials, doors), timings, rounds, snapshot.BookingCount, released);
        }

        return 0;
    }

    /// <summary>
    /// The plain workload and the booking workload measured in alternating rounds (same process, same store), so
    /// machine noise hits both alike; medians over the rounds and their ratio.
    /// </summary>
    private static void CompareWithBookings(AccessDecisionEngine engine, SiteConfiguration site, (Credential[] Credentials, DoorConfiguration[] Doors) plain, long[] timings, int rounds, int bookingCount, int released)
    {
        var booked = Workload(site, plain.Credentials.Length, withBookings: true);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < booked.Credentials.Length; i++)
        {
            if (!ReferenceEquals(booked.Doors[i], plain.Doors[i]))
            {
                var decision = engine.Decide(booked.Credentials[i], booked.Doors[i], BenchmarkSite.TuesdayMorning);
                var outcome = decision.Granted ? "granted " + decision.Basis : "refused " + decision.Reason;
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }

        Decide(engine, booked.Credentials, booked.Doors, 500_000, timings: null);
        var plainRounds = new List<DecisionFigures>();
        var bookedRounds = new List<DecisionFigures>();
        for (var round = 0; round < rounds; round++)
        {
            plainRounds.Add(Measure(engine, plain.Credentials, plain.Doors, timings));
            bookedRounds.Add(Measure(engine, booked.Credentials, booked.Doors, timings));
        }

        var p = Median(plainRounds);
        var b = Median(bookedRounds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            With room bookings: {bookingCount:N0} bookings in the store (10 % of the members, 3 each), {released:N0} released as no-shows;
              booking workload = the plain one with 1 presentation in 10 moved from the open space to a room by a booked member
              (booking presentations of the {plain.Credentials.Length:N0}-entry workload: {string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value:N0}"))})
              medians of {rounds} alternating rounds, {timings.Length:N0} decisions each:
              plain:    p50 {p.P50:F3} us, p99 {p.P99:F3} us, p99.9 {p.P999:F3} us, {p.PerSecond:N0} decisions/s, allocated {Max(plainRounds)} B (most in one pass)
              bookings: p50 {b.P50:F3} us, p99 {b.P99:F3} us, p99.9 {b.P999:F3} us, {b.PerSecond:N0} decisions/s, allocated {Max(bookedRounds)} B (most in one pass)
              ratio bookings / plain: p50 x{b.P50 / p.P50:F2}, p99 x{b.P99 / p.P99:F2}, p99.9 x{b.P999 / p.P999:F2}, throughput x{b.PerSecond / p.PerSecond:F2} (median of the per-round ratios x{Mid(bookedRounds.Zip(plainRounds, (x, y) => x.PerSecond / y.PerSecond)):F2})
              rounds (decisions/s) plain {string.Join(" ", plainRounds.Select(r => r.PerSecond.ToString("N0", CultureInfo.InvariantCulture)))}, bookings {string.Join(" ", bookedRounds.Select(r => r.PerSecond.ToString("N0", CultureInfo.InvariantCulture)))}
            """));
    }

    /// <summary>Times every decision into <paramref name="timings"/> (one pass), then an untimed throughput pass counting allocations.</summary>
    private static DecisionFigures Measure(AccessDecisionEngine engine, Credential[] credentials, DoorConfiguration[] doors, long[] timings)
    {
        Decide(engine, credentials, doors, timings.Length, timings);
        Array.Sort(timings);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var throughputStart = Stopwatch.GetTimestamp();
        var granted = Decide(engine, credentials, doors, timings.Length, timings: null);
        var throughputElapsed = Stopwatch.GetElapsedTime(throughputStart);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return new DecisionFigures(
            Microseconds(timings, 0.50), Microseconds(timings, 0.99), Microseconds(timings, 0.999), Microseconds(timings, 1.0),
            timings.Length / throughputElapsed.TotalSeconds, allocated, granted);
    }

    private static DecisionFigures Median(List<DecisionFigures> rounds) => new(
        Mid(rounds.Select(r => r.P50)), Mid(rounds.Select(r => r.P99)), Mid(rounds.Select(r => r.P999)), Mid(rounds.Select(r => r.Max)),
        Mid(rounds.Select(r => r.PerSecond)), rounds.Max(r => r.AllocatedBytes), rounds[0].Granted);

    private static double Mid(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static long Max(List<DecisionFigures> rounds) => rounds.Max(r => r.AllocatedBytes);

    /// <summary>
    /// A mix of door presentations: 70% members at the open space (random badges over the whole store,
    /// so lookups miss the CPU cache as they would), 10% unknown badges, 10% lessees at their office,
    /// 10% right holders at the visio room. With bookings, one open-space presentation in ten (pick 4) becomes a
    /// booked member at a room (<see cref="BenchmarkBookings.Presentation"/>); every other entry stays the same.
    /// </summary>
    private static (Credential[] Credentials, DoorConfiguration[] Doors) Workload(SiteConfiguration site, int count, bool withBookings)
    {
        var random = new Random(20261201);
        var credentials = new Credential[count];
        var doors = new DoorConfiguration[count];
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(10);
            (credentials[i], doors[i]) = pick switch
            {
                0 => (AccessStoreGenerator.BadgeCredential(AccessStoreGenerator.DefaultBadges + random.Next(1_000_000)), site.Door("open-space")),
                1 => (AccessStoreGenerator.BadgeCredential(1 + random.Next(8)), site.Door(random.Next(2) == 0 ? "bureau-1" : "bureau-2")),
                2 => (AccessStoreGenerator.BadgeCredential(AccessStoreGenerator.RightMember(random.Next(AccessStoreGenerator.DefaultRights / 3) * 3)), site.Door("salle-visio")),
                4 when withBookings => BenchmarkBookings.Presentation(random.Next(AccessStoreGenerator.DefaultBadges), site),
                _ => (AccessStoreGenerator.BadgeCredential(random.Next(AccessStoreGenerator.DefaultBadges)), site.Door("open-space")),
            };
        }

        return (credentials, doors);
    }

    private static int Decide(AccessDecisionEngine engine, Credential[] credentials, DoorConfiguration[] doors, int count, long[]? timings)
    {
        var mask = credentials.Length - 1;
        var now = BenchmarkSite.TuesdayMorning;
        var granted = 0;
        for (var i = 0; i < count; i++)
        {
            // Time moves on by 1 ms per decision so the per-minute local-time cache is refreshed as in service.
            var at = now.AddTicks(i * TimeSpan.TicksPerMillisecond % (8 * TimeSpan.TicksPerHour));
            if (timings is null)
            {
                granted += engine.Decide(credentials[i & mask], doors[i & mask], at).Granted ? 1 : 0;
                continue;
            }

            var start = Stopwatch.GetTimestamp();
            granted += engine.Decide(credentials[i & mask], doors[i & mask], at).Granted ? 1 : 0;
            timings[i] = Stopwatch.GetTimestamp() - start;
        }

        return granted;
    }

    private static double Microseconds(long[] sortedTimings, double quantile)
    {
        var index = Math.Min(sortedTimings.Length - 1, (int)Math.Ceiling(quantile * sortedTimings.Length) - 1);
        return sortedTimings[Math.Max(0, index)] * 1_000_000.0 / Stopwatch.Frequency;
    }

    private static bool GenerateInChild(string databasePath, bool withBookings)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(AccessDecisionHarness).Assembly.Location);
        }

        start.ArgumentList.Add(Mode);
        start.ArgumentList.Add(GenerateOnly);
        start.ArgumentList.Add(databasePath);
        if (withBookings)
        {
            start.ArgumentList.Add(BookingsFlag);
        }
        using var child = Process.Start(start)!;
        child.WaitForExit();
        return child.ExitCode == 0;
    }

    /// <summary>A field of /proc/self/smaps_rollup in kB (0 where unavailable).</summary>
    private static long RollupKilobytes(string field)
    {
        const string Rollup = "/proc/self/smaps_rollup";
        if (!File.Exists(Rollup))
        {
            return 0;
        }

        foreach (var line in File.ReadLines(Rollup))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static long RssKilobytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return Environment.WorkingSet / 1024;
    }

    private static string RuntimeDescription() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} CPUs, {(Debugger.IsAttached ? "debugger" : "no debugger")}";

    private static string Verdict(bool met) => met ? "MET" : "MISSED";

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
