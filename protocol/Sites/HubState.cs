namespace Cybercantal.Edge.Protocol.Sites;

/// <summary>
/// Hub -> everyone on <c>hub/state</c>, retained: <c>online: true</c> when the hub starts ingesting,
/// <c>false</c> when it stops (and as its Will on an external broker).
/// </summary>
public sealed record HubState
{
    public required bool Online { get; init; }

    public required DateTimeOffset At { get; init; }
}
