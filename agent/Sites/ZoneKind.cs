namespace Cybercantal.Edge.Agent.Sites;

/// <summary>What a zone of a centre is used for; the access rules depend on it.</summary>
public enum ZoneKind
{
    Outside,
    Entrance,
    OpenSpace,
    PrivateOffice,
    MeetingRoom,
    VisioRoom,
    CopierCorner,
    TrainingRoom,
    StaffOnly,
}
