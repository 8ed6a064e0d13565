using System.Device.Gpio;
using System.Diagnostics;
using System.Globalization;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Hosting;
using Cybercantal.Edge.Agent.Readers.Pcsc;
using Cybercantal.Edge.Agent.Simulation;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support.Pcsc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>
/// <c>pcsc-door-harness [taps]</c>: the whole agent as <c>run</c> composes it (Saint-Flour site file, sample
/// seed, SQLite journal, door controllers on the simulated GPIO driver), with the real PC/SC monitor on
/// pcscd + vpcd. For each tap of a staff badge it measures, on one clock:
/// agent-added = pcsc-lite reporting the card (SCardGetStatusChange returning) -> strike relay write;
/// end-to-end = the virtual card connecting to vpcd -> strike relay write.
/// Run from the repository root (it reads firmware-config/ and samples/). Needs pcscd and vpcd (root installs them).
/// </summary>
internal static class PcscDoorHarness
{
    public const string Mode = "pcsc-door-harness";

    public static async Task<int> RunAsync(string[] args)
    {
        var taps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var site = SiteFileLoader.Load("firmware-config/sites/saint-flour.yaml").Configuration
            ?? throw new InvalidOperationException("run from the repository root: firmware-config/sites/saint-flour.yaml not found");
        var data = Directory.CreateTempSubdirectory("cybercantal-pcsc-door-");
        var settings = new AgentRunSettings(site, Simulate: true, DataDirectory: data.FullName, SeedFile: null);
        if (AccessImportCommand.Run("samples/seed/saint-flour.yaml", settings.AccessStorePath, TextWriter.Null, Console.Error) != 0)
        {
            return 1;
        }

        var driver = new SimulatedGpioDriver();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(driver);
        builder.Services.AddSingleton(new SimulationTerminal(TextReader.Null, TextWriter.Null));
        builder.AddAgent(settings);
        builder.Logging.ClearProviders();
        using var host = builder.Build();
        await host.StartAsync();

        var door = site.Doors.Single(d => d.Id == "porte-entree");
        var unlockLevel = door.Strike.UnlockLevel == SignalLevel.High ? PinValue.High : PinValue.Low;
        long unlockedAt = 0;
        using var unlocked = new SemaphoreSlim(0);
        driver.Written += write =>
        {
            if (write.Pin == door.Strike.Pin && write.Value == unlockLevel)
            {
                Volatile.Write(ref unlockedAt, Stopwatch.GetTimestamp());
                unlocked.Release();
            }
        };

        var pipeline = host.Services.GetRequiredService<BadgePipeline>();
        var doors = host.Services.GetRequiredService<DoorSystem>();
        var reported = new TimestampingSink(pipeline);
        var reader = new ReaderConfiguration { Id = "lecteur-entree", Kind = ReaderKind.Pcsc, Door = door.Id, Device = PcscdFixture.FirstReader };
        using var pcscd = new PcscdFixture();
        var monitor = new PcscReaderMonitor([reader], reported, TimeProvider.System, NullLogger<PcscReaderMonitor>.Instance);
        using var stop = new CancellationTokenSource();
        var running = monitor.RunAsync(stop.Token);
        var badge = new VirtualBadge(pcscd.Port, Convert.FromHexString("04AABBCCDDEEFF"));
        var timeout = TimeSpan.FromSeconds(10);

        var agentAdded = new List<double>();
        var uidRead = new List<double>();
        var pipelineToStrike = new List<double>();
        var endToEnd = new List<double>();
        for (var tap = 0; tap < taps; tap++)
        {
            PcscdFixture.WaitUntilEmpty(PcscdFixture.FirstReader, timeout);
            await badge.PresentAsync();
            if (!await unlocked.WaitAsync(timeout))
            {
                Console.Error.WriteLine($"tap {tap}: the entrance strike was not driven within {timeout.TotalSeconds} s");
                return 1;
            }

            agentAdded.Add(Stopwatch.GetElapsedTime(reported.LastTimestamp, Volatile.Read(ref unlockedAt)).TotalMilliseconds);
            uidRead.Add(Stopwatch.GetElapsedTime(reported.LastTimestamp, reported.LastCalledAt).TotalMilliseconds);
            pipelineToStrike.Add(Stopwatch.GetElapsedTime(reported.LastCalledAt, Volatile.Read(ref unlockedAt)).TotalMilliseconds);
            endToEnd.Add(Stopwatch.GetElapsedTime(badge.PresentedAt, Volatile.Read(ref unlockedAt)).TotalMilliseconds);
            await badge.RemoveAsync();

            // Relock at once (a lockdown ends a running grant) so the next tap drives the relay again.
            doors.SetLockdown(true, "harness");
            doors.SetLockdown(false, "harness");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PC/SC tap to entrance strike, {taps} taps, Saint-Flour site, staff badge"));
        Print("  agent-added (pcsc-lite reports card -> strike write)", agentAdded);
        Print("  agent-added without the first (JIT) tap             ", agentAdded[1..]);
        Print("    of which UID read (connect, GET DATA, disconnect) ", uidRead);
        Print("    of which pipeline (decide -> strike write)        ", pipelineToStrike);
        Print("  end-to-end (card connects to vpcd -> strike write)  ", endToEnd);

        await stop.CancelAsync();
        await running;
        await host.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        data.Delete(recursive: true);
        return 0;
    }

    private static void Print(string label, List<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double rank) => sorted[Math.Clamp((int)Math.Ceiling(rank * sorted.Length) - 1, 0, sorted.Length - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} ms: p50 {At(0.5):F2}  p90 {At(0.9):F2}  p99 {At(0.99):F2}  max {sorted[^1]:F2}"));
    }

    /// <summary>Remembers the timestamp the monitor attaches to each read (when pcsc-lite reported the card).</summary>
    private sealed class TimestampingSink(BadgePipeline pipeline) : Agent.Readers.IBadgeReadSink
    {
        public long LastTimestamp { get; private set; }

        public long LastCalledAt { get; private set; }

        public void CredentialRead(ReaderConfiguration reader, Credential credential, long timestamp)
        {
            LastCalledAt = Stopwatch.GetTimestamp();
            LastTimestamp = timestamp;
            pipeline.CredentialRead(reader, credential, timestamp);
        }

        public void ReaderFault(ReaderConfiguration reader, string fault) => pipeline.ReaderFault(reader, fault);
    }
}
