namespace Cybercantal.Edge.Agent.Doors;

/// <summary>A GPIO line of a door or of the fire alarm could not be set up; the message names the pin and its use.</summary>
public sealed class DoorHardwareException : Exception
{
    public DoorHardwareException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DoorHardwareException(string message)
        : base(message)
    {
    }

    public DoorHardwareException()
    {
    }

    /// <summary>The GPIO line at fault, when known.</summary>
    public int? Pin { get; init; }

    /// <summary>The door the line belongs to; null for the fire-alarm input.</summary>
    public string? DoorId { get; init; }

    /// <summary>Builds the exception for a line that could not be opened, e.g. "GPIO 17 (strike of door 'entree') could not be opened: busy".</summary>
    internal static DoorHardwareException OpeningFailed(int pin, string use, string? doorId, Exception inner) =>
        new($"GPIO {pin} ({use}) could not be opened: {inner.Message}", inner) { Pin = pin, DoorId = doorId };
}
