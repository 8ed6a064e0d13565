using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Readers.Feedback;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Badges;

/// <summary>
/// Everything a badge read at one reader needs, resolved once at start so the read path only does a
/// dictionary lookup. Resource readers (copier, desk) get a door-shaped rule target for their zone and no
/// controller.
/// </summary>
internal sealed record BadgeRoute(
    ReaderConfiguration Reader,
    DoorConfiguration RuleTarget,
    ZoneConfiguration? Zone,
    DoorController? Door,
    ReaderFeedback? Feedback);
