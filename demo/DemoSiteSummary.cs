namespace Cybercantal.Edge.Demo;

/// <summary>
/// One centre at the end of a demo run: the agent journal's head when the traffic stopped and the hub
/// drained, what the hub had committed then, and the journal's head after the agent stopped (the shutdown
/// records, journaled after the hub link closed, reach the hub at the next start).
/// </summary>
public sealed record DemoSiteSummary(string Site, long JournalHeadAtDrain, long HubCommittedAtDrain, long JournalHeadAfterStop, int StepsPlayed);
