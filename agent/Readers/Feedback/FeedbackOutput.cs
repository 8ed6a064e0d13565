namespace Cybercantal.Edge.Agent.Readers.Feedback;

/// <summary>One of the signalling outputs of a reader.</summary>
public enum FeedbackOutput
{
    GreenLed,
    RedLed,
    Buzzer,
}
