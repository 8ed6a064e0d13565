namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// An explicit right: a member may enter a zone, optionally only inside a weekly schedule
/// (text form, see <see cref="RightSchedule"/>) and between two inclusive site-local dates.
/// </summary>
public sealed record AccessRightRecord(
    string MemberId,
    string Zone,
    string? Schedule,
    DateOnly? ValidFrom,
    DateOnly? ValidTo);
