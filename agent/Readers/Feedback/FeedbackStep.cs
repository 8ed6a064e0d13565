namespace Cybercantal.Edge.Agent.Readers.Feedback;

/// <summary>At <paramref name="At"/> after the pattern starts, turn <paramref name="Output"/> on or off.</summary>
public readonly record struct FeedbackStep(TimeSpan At, FeedbackOutput Output, bool On);
