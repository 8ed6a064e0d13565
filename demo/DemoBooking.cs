namespace Cybercantal.Edge.Demo;

/// <summary>
/// A room booking of the demo day (instants, as in the seed file). <paramref name="Honoured"/> false: the
/// holder never comes to the room, so the agent releases it as a no-show 10 minutes after its start.
/// </summary>
public sealed record DemoBooking(string MemberId, string Zone, DateTimeOffset Start, DateTimeOffset End, bool Honoured = true);
