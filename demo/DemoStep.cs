namespace Cybercantal.Edge.Demo;

/// <summary>
/// A scheduled move of the demo day, at a site-local time: the room zone for room moves, the PC for PC
/// moves, the pages of a print job.
/// </summary>
public sealed record DemoStep(TimeOnly At, DemoMove Move, DemoPerson? Person, string? Zone = null, string? Pc = null, int Pages = 0);
