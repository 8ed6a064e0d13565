namespace Cybercantal.Edge.Agent.Readers.Feedback;

/// <summary>What a reader shows and sounds after a badge; see <see cref="FeedbackPatterns"/> for the timings.</summary>
public enum FeedbackPattern
{
    /// <summary>Green LED about 1 s and one short beep.</summary>
    Granted,

    /// <summary>Red LED about 1 s and three short beeps.</summary>
    Denied,

    /// <summary>Red LED blinking and one long beep: the badge could not be read or the reader is in trouble.</summary>
    Fault,
}
