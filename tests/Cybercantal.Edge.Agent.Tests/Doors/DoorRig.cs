using System.Device.Gpio;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Doors;

/// <summary>
/// A site with three doors and a fire alarm on a simulated GPIO chip, a fake clock and a recording journal.
/// "entree": fail-secure, strike 17 (unlock high), sensor 22, exit button 23.
/// "bureau": fail-secure, strike 18 (unlock high), sensor 24, no exit button.
/// "secours": fail-safe maglock, strike 19 (unlock LOW), sensor 25, exit button 26. Fire alarm on 5.
/// </summary>
internal sealed class DoorRig : IDisposable
{
    public const int EntreeStrike = 17;
    public const int EntreeSensor = 22;
    public const int EntreeExit = 23;
    public const int BureauStrike = 18;
    public const int BureauSensor = 24;
    public const int SecoursStrike = 19;
    public const int SecoursSensor = 25;
    public const int SecoursExit = 26;
    public const int FirePin = 5;

    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan UnlockTime = TimeSpan.FromSeconds(5);

    /// <summary>Monday 2 March 2026, 10:00 UTC (11:00 in Paris).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public DoorRig(DateTimeOffset? start = null, WeeklySchedule? entreeSchedule = null, Action<SimulatedGpioDriver>? beforeStart = null, bool autoStart = true)
    {
        Time = new FakeTimeProvider(start ?? DefaultStart);
        Driver = new SimulatedGpioDriver(Time);
        Gpio = new GpioController(Driver);
        Site = BuildSite(entreeSchedule ?? WeeklySchedule.Empty);
        beforeStart?.Invoke(Driver);
        System = new DoorSystem(Site, Gpio, Journal, Time, NullLogger<DoorSystem>.Instance);
        System.DoorStateChanged += Changes.Add;
        if (autoStart)
        {
            System.Start();
        }
    }

    public static TimeZoneInfo Paris { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public FakeTimeProvider Time { get; }

    public SimulatedGpioDriver Driver { get; }

    public GpioController Gpio { get; }

    public RecordingJournal Journal { get; } = new();

    public SiteConfiguration Site { get; }

    public DoorSystem System { get; }

    public List<DoorSnapshot> Changes { get; } = [];

    public DoorController Entree => System.Find("entree")!;

    public DoorController Bureau => System.Find("bureau")!;

    public DoorController Secours => System.Find("secours")!;

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Sets a contact and waits out the debounce so the level counts.</summary>
    public void SetInputSettled(int pin, bool high)
    {
        Driver.SetInput(pin, high ? PinValue.High : PinValue.Low);
        Time.Advance(Debounce);
    }

    public void OpenDoor(int sensorPin) => SetInputSettled(sensorPin, high: true);

    public void CloseDoor(int sensorPin) => SetInputSettled(sensorPin, high: false);

    /// <summary>Presses and releases an exit button, each level held past the debounce.</summary>
    public void PressExit(int exitPin)
    {
        SetInputSettled(exitPin, high: true);
        SetInputSettled(exitPin, high: false);
    }

    public void SetFire(bool active) => SetInputSettled(FirePin, active);

    public IReadOnlyList<GpioWrite> WritesTo(int pin) => Driver.WritesTo(pin);

    public PinValue StrikeLevel(int pin) => Driver.LevelOf(pin);

    /// <summary>The DoorStateChanged details journaled for a door, in order.</summary>
    public IReadOnlyList<string?> StatesOf(string doorId) =>
        [.. Journal.OfKind(JournalRecordKind.DoorStateChanged).Where(e => e.DoorId == doorId).Select(e => e.Detail)];

    public IReadOnlyList<(JournalRecordKind Kind, string? Detail)> EntriesOf(string doorId) =>
        [.. Journal.Entries.Where(e => e.DoorId == doorId).Select(e => (e.Kind, e.Detail))];

    public void Dispose()
    {
        System.Dispose();
        Gpio.Dispose();
    }

    private static SiteConfiguration BuildSite(WeeklySchedule entreeSchedule)
    {
        InputConfiguration Input(int pin) => new() { Pin = pin, Debounce = Debounce };

        return new SiteConfiguration
        {
            Id = "saint-flour",
            Name = "Cybercantal Saint-Flour",
            Commune = "Saint-Flour",
            TimeZone = Paris,
            OpeningHours = WeeklySchedule.Always,
            Zones = [],
            FireAlarm = Input(FirePin),
            Doors =
            [
                new DoorConfiguration
                {
                    Id = "entree",
                    Name = "Entrée",
                    FromZone = "outside",
                    ToZone = "accueil",
                    Strike = new StrikeConfiguration { Pin = EntreeStrike, UnlockLevel = SignalLevel.High, UnlockTime = UnlockTime },
                    PositionSensor = Input(EntreeSensor),
                    ExitRequest = Input(EntreeExit),
                    HeldOpenPreAlarm = TimeSpan.FromSeconds(20),
                    HeldOpenAlarm = TimeSpan.FromSeconds(30),
                    ScheduledUnlock = entreeSchedule,
                },
                new DoorConfiguration
                {
                    Id = "bureau",
                    Name = "Bureau privatif",
                    FromZone = "accueil",
                    ToZone = "bureau",
                    Strike = new StrikeConfiguration { Pin = BureauStrike, UnlockLevel = SignalLevel.High, UnlockTime = UnlockTime },
                    PositionSensor = Input(BureauSensor),
                },
                new DoorConfiguration
                {
                    Id = "secours",
                    Name = "Sortie de secours",
                    FromZone = "outside",
                    ToZone = "accueil",
                    FailMode = FailMode.FailSafe,
                    Strike = new StrikeConfiguration { Pin = SecoursStrike, UnlockLevel = SignalLevel.Low, UnlockTime = UnlockTime },
                    PositionSensor = Input(SecoursSensor),
                    ExitRequest = Input(SecoursExit),
                },
            ],
        };
    }
}
