using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Demo;

/// <summary>One centre of the demo: its site file (hub section pointing at the demo hub), its people and bookings.</summary>
public sealed record DemoCentre(SiteConfiguration Site, DateOnly Day, IReadOnlyList<DemoPerson> People, IReadOnlyList<DemoBooking> Bookings)
{
    public string Id => Site.Id;
}
