namespace Cybercantal.Edge.Agent.Doors;

/// <summary>
/// The site-wide switches every door obeys, written by <see cref="DoorSystem"/> and read by each door when told
/// to refresh. Doors read the latest values rather than being handed them, so two switches racing cannot leave a
/// door on the older value: whichever refresh runs last sees the final state.
/// </summary>
internal sealed class SiteDoorState
{
    private volatile bool _lockdown;
    private volatile bool _emergency;

    public bool Lockdown
    {
        get => _lockdown;
        set => _lockdown = value;
    }

    public bool Emergency
    {
        get => _emergency;
        set => _emergency = value;
    }
}
