namespace Cybercantal.Edge.Demo;

/// <summary>A room booking of the demo day (instants, as in the seed file).</summary>
public sealed record DemoBooking(string MemberId, string Zone, DateTimeOffset Start, DateTimeOffset End);
