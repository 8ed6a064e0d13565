namespace Cybercantal.Edge.Hub.Store;

/// <summary>
/// How far a site's journal has reached the hub: every sequence up to <see cref="CommittedThrough"/> is
/// stored; <see cref="HighestStored"/> above it means a gap starting at <c>CommittedThrough + 1</c>.
/// </summary>
public readonly record struct SiteProgress(long CommittedThrough, long HighestStored)
{
    public bool HasGap => HighestStored > CommittedThrough;
}
