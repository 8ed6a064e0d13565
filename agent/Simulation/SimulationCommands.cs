using System.Globalization;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Simulation;

/// <summary>
/// The commands a person types to play a centre's hardware in <c>run --simulate</c>. Results of the
/// commands (decisions, door states, alarms) arrive through the live events printed by
/// <see cref="SimulationConsole"/>; this class only answers the command itself.
/// </summary>
public sealed class SimulationCommands(
    SiteConfiguration site,
    SimulatedHardware hardware,
    DoorSystem doors,
    BadgePipeline pipeline,
    TimeProvider time)
{
    public const string Help = """
        Commands (ids as in the site file; `status` lists them):
          badge READER CREDENTIAL   present a badge, e.g. badge entree-nfc nfc:04A1B2C3D4E5F6 or wiegand26:12:3456
          open DOOR | close DOOR    the door-position sensor reports the door open / closed
          exit DOOR                 press the request-to-exit button (300 ms)
          fire on | fire off        the fire-alarm panel releases / restores
          lockdown on | off         site lockdown (exit buttons still work)
          status                    doors, alarms, lockdown, emergency
          readers                   the site's readers and what they serve
          help                      this text
          quit                      stop the agent (doors are left locked)
        """;

    /// <summary>Runs one command line; returns false when the person asked to quit.</summary>
    public async Task<bool> ExecuteAsync(string line, TextWriter output, CancellationToken cancellationToken)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return true;
        }

        switch (words[0].ToUpperInvariant())
        {
            case "HELP" or "?":
                await output.WriteLineAsync(Help);
                return true;
            case "QUIT" or "Q":
                return false;
            case "STATUS":
                await output.WriteLineAsync(Status());
                return true;
            case "READERS":
                foreach (var reader in site.Readers)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  {reader.Id,-22} {reader.Kind,-8} {(reader.Door is not null ? "door " + reader.Door : "resource " + reader.Resource)}"));
                }

                return true;
            case "BADGE" when words.Length == 3:
                await SayAsync(output, Badge(words[1], words[2]));
                return true;
            case "OPEN" or "CLOSE" when words.Length == 2:
                await SayAsync(output, Door(words[1], words[0].Equals("open", StringComparison.OrdinalIgnoreCase)));
                return true;
            case "EXIT" when words.Length == 2:
                await SayAsync(output, await ExitAsync(words[1], cancellationToken));
                return true;
            case "FIRE" when words.Length == 2 && OnOff(words[1]) is { } fire:
                await output.WriteLineAsync(hardware.SetFireAlarm(fire) ? $"fire alarm input {(fire ? "active" : "restored")}" : "this site file declares no fire-alarm input");
                return true;
            case "LOCKDOWN" when words.Length == 2 && OnOff(words[1]) is { } on:
                doors.SetLockdown(on, "simulation console");
                return true;
            default:
                await output.WriteLineAsync($"? '{line.Trim()}' — type help");
                return true;
        }
    }

    public string Status()
    {
        var lines = new List<string>
        {
            $"{site.Name} — {TimeZoneInfo.ConvertTime(time.GetUtcNow(), site.TimeZone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}"
                + (doors.IsLockdown ? "  LOCKDOWN" : string.Empty) + (doors.IsEmergency ? "  FIRE RELEASE" : string.Empty),
        };
        lines.AddRange(doors.Doors.Select(d => "  " + SimulationText.Describe(d.Snapshot, d.Configuration)));
        return string.Join(Environment.NewLine, lines);
    }

    private string Badge(string readerId, string credentialText)
    {
        var reader = site.Readers.FirstOrDefault(r => r.Id == readerId);
        if (reader is null)
        {
            return $"no reader '{readerId}' (readers: {string.Join(", ", site.Readers.Select(r => r.Id))})";
        }

        if (!Credential.TryParse(credentialText, out var credential))
        {
            return $"'{credentialText}' is not a credential (nfc:HEX, wiegand26:FACILITY:CARD, wiegand34:..., wiegand37:...)";
        }

        pipeline.CredentialRead(reader, credential, time.GetTimestamp());
        return string.Empty;
    }

    private string Door(string doorId, bool open)
    {
        if (FindDoor(doorId) is not { } door)
        {
            return UnknownDoor(doorId);
        }

        return hardware.SetDoorOpen(door, open) ? string.Empty : $"door {doorId} has no position sensor";
    }

    private async Task<string> ExitAsync(string doorId, CancellationToken cancellationToken)
    {
        if (FindDoor(doorId) is not { } door)
        {
            return UnknownDoor(doorId);
        }

        return await hardware.PressExitAsync(door, cancellationToken) ? string.Empty : $"door {doorId} has no exit button";
    }

    private static async Task SayAsync(TextWriter output, string text)
    {
        // Successful hardware actions answer through the live event lines instead.
        if (text.Length > 0)
        {
            await output.WriteLineAsync(text);
        }
    }

    private DoorConfiguration? FindDoor(string doorId) => site.Doors.FirstOrDefault(d => d.Id == doorId);

    private string UnknownDoor(string doorId) => $"no door '{doorId}' (doors: {string.Join(", ", site.Doors.Select(d => d.Id))})";

    private static bool? OnOff(string word) => word.ToUpperInvariant() switch
    {
        "ON" => true,
        "OFF" => false,
        _ => null,
    };
}
