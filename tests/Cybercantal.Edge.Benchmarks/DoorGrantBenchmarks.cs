using System.Device.Gpio;
using BenchmarkDotNet.Attributes;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>The door's hot path: a grant, with the production clock, a silent journal and a no-op GPIO driver.</summary>
[MemoryDiagnoser]
public class DoorGrantBenchmarks : IDisposable
{
    private GpioController? _gpio;
    private DoorSystem? _system;
    private DoorController? _door;

    [GlobalSetup]
    public void Setup()
    {
        var site = new SiteConfiguration
        {
            Id = "bench",
            Name = "Bench",
            Commune = "Murat",
            TimeZone = TimeZoneInfo.Utc,
            OpeningHours = WeeklySchedule.Always,
            Zones = [],
            Doors =
            [
                new DoorConfiguration
                {
                    Id = "entree",
                    Name = "Entrée",
                    FromZone = "outside",
                    ToZone = "accueil",
                    Strike = new StrikeConfiguration { Pin = 17, UnlockTime = TimeSpan.FromSeconds(5) },
                    PositionSensor = new InputConfiguration { Pin = 22 },
                },
            ],
        };
        _gpio = new GpioController(new NullGpioDriver());
        _system = new DoorSystem(site, _gpio, new NullJournal(), TimeProvider.System, NullLogger<DoorSystem>.Instance);
        _system.Start();
        _door = _system.Find("entree");
    }

    /// <summary>A grant on a door already unlocked by a grant: renews the relock timer.</summary>
    [Benchmark]
    public bool GrantWhileUnlocked() => _door!.Grant();

    /// <summary>
    /// A grant on a locked door: strike write and journal, then a lockdown relock to start over. The 80 B per
    /// operation beyond the two lockdown journal details ("on:bench", "off:bench") are System.Device.Gpio 4.2's:
    /// GpioController.Write allocates 40 B per write.
    /// </summary>
    [Benchmark]
    public bool GrantFromLocked()
    {
        var granted = _door!.Grant();
        _system!.SetLockdown(true, "bench");
        _system.SetLockdown(false, "bench");
        return granted;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _system?.Dispose();
        _gpio?.Dispose();
        GC.SuppressFinalize(this);
    }
}
