namespace Cybercantal.Edge.Agent.Sites;

/// <summary>A badge reader and the door or resource it serves.</summary>
public sealed class ReaderConfiguration
{
    public required string Id { get; init; }

    public required ReaderKind Kind { get; init; }

    /// <summary>The door this reader opens; null when it serves a resource.</summary>
    public string? Door { get; init; }

    /// <summary>The resource (copier, PC desk, room) this reader serves; null when it serves a door.</summary>
    public string? Resource { get; init; }

    /// <summary>PC/SC reader name (prefix match) or serial device path (PN532).</summary>
    public string? Device { get; init; }

    public int? WiegandD0Pin { get; init; }

    public int? WiegandD1Pin { get; init; }

    public FeedbackConfiguration? Feedback { get; init; }
}
