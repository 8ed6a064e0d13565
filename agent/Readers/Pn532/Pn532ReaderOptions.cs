namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>Timing knobs of a PN532 reader on a serial port. Defaults suit a PN532 HSU module at 115200 bauds.</summary>
public sealed class Pn532ReaderOptions
{
    /// <summary>Pause between two InListPassiveTarget polls.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(120);

    /// <summary>Consecutive empty polls after which a card is considered gone (and reported again when it comes back).</summary>
    public int EmptyPollsToRelease { get; set; } = 3;

    /// <summary>How long to wait for the ACK and the response frame of one command.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Consecutive polls without any answer after which the port is reopened and the PN532 woken up again.</summary>
    public int SilentPollsBeforeReconnect { get; set; } = 5;

    /// <summary>First pause before reopening a lost port; doubled after each failed attempt.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap of the reconnect back-off.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most one log line and one journaled fault per interval for repeated protocol faults.</summary>
    public TimeSpan FaultReportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        RequirePositive(PollInterval, nameof(PollInterval));
        RequirePositive(ResponseTimeout, nameof(ResponseTimeout));
        RequirePositive(ReconnectInitialDelay, nameof(ReconnectInitialDelay));
        RequirePositive(FaultReportInterval, nameof(FaultReportInterval));
        if (ReconnectMaxDelay < ReconnectInitialDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(ReconnectMaxDelay), ReconnectMaxDelay, $"PN532 {nameof(ReconnectMaxDelay)} must be at least {nameof(ReconnectInitialDelay)} ({ReconnectInitialDelay}).");
        }

        if (EmptyPollsToRelease < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EmptyPollsToRelease), EmptyPollsToRelease, $"PN532 {nameof(EmptyPollsToRelease)} must be at least 1.");
        }

        if (SilentPollsBeforeReconnect < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SilentPollsBeforeReconnect), SilentPollsBeforeReconnect, $"PN532 {nameof(SilentPollsBeforeReconnect)} must be at least 1.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"PN532 {name} must be positive.");
        }
    }
}
