using System.ComponentModel.DataAnnotations;

namespace Cybercantal.Edge.Agent.Gpio;

/// <summary>How the agent reaches the gateway's GPIO lines (configuration section <c>Gpio</c>).</summary>
public sealed class GpioOptions
{
    public const string SectionName = "Gpio";

    /// <summary>No hardware: every line is simulated (development machines, tests, the simulation console).</summary>
    public const string Simulated = "simulated";

    /// <summary>libgpiod, V2 ABI (libgpiod.so.3, Debian 13 / Raspberry Pi OS trixie) if present, else the V1 ABI.</summary>
    public const string LibGpiod = "libgpiod";

    /// <summary>libgpiod, V1 ABI only (libgpiod.so.2, Debian 12 and older).</summary>
    public const string LibGpiodV1 = "libgpiod-v1";

    /// <summary>libgpiod, V2 ABI only (libgpiod.so.3).</summary>
    public const string LibGpiodV2 = "libgpiod-v2";

    [Required]
    [AllowedValues(Simulated, LibGpiod, LibGpiodV1, LibGpiodV2)]
    public string Driver { get; set; } = LibGpiod;

    /// <summary>GPIO chip number (/dev/gpiochipN); when unset, the site file's <c>GpioChip</c>.</summary>
    [Range(0, 63)]
    public int? Chip { get; set; }
}
