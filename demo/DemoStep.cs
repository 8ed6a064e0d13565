namespace Cybercantal.Edge.Demo;

/// <summary>A scheduled move of the demo day, at a site-local time.</summary>
public sealed record DemoStep(TimeOnly At, DemoMove Move, DemoPerson? Person, string? Zone = null);
