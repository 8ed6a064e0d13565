using Cybercantal.Edge.Agent.Usage.Copiers;
using Cybercantal.Edge.Agent.Usage.Pcs;
using Cybercantal.Edge.Agent.Usage.Rooms;

namespace Cybercantal.Edge.Agent.Usage;

/// <summary>
/// Ends one open session at staff's request (the hub's <c>usage.end-session</c> command): a PC session and
/// its desk seat, a copier session (relay off, end reading) or a room use, each journaled with reason
/// <see cref="UsageEndReasons.ForcedByStaff"/>.
/// </summary>
public sealed class UsageSessionEnder(PcSessionTracker pcs, CopierSessionManager copiers, RoomUseTracker rooms)
{
    /// <summary>Ends the open session of <paramref name="id"/> of <paramref name="kind"/> (<see cref="UsageKinds"/>).</summary>
    /// <returns>Null when a session was ended, otherwise why not (unknown id, nothing open).</returns>
    public async Task<string?> EndAsync(string kind, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(id);
        switch (kind)
        {
            case UsageKinds.Pc:
                if (!pcs.Pcs.Any(p => string.Equals(p.Id, id, StringComparison.Ordinal)))
                {
                    return $"unknown pc '{id}'";
                }

                // Ending the session also frees its desk seat; a seat taken at the desk reader with no
                // session behind it (nobody logged on) is freed on its own.
                return pcs.ForceEnd(id) || pcs.ReleaseSeat(id) ? null : $"no open session or seat on pc '{id}'";
            case UsageKinds.Copier:
                if (!copiers.IsKnown(id))
                {
                    return $"unknown copier '{id}'";
                }

                return await copiers.ForceEndAsync(id, cancellationToken).ConfigureAwait(false) ? null : $"no open session on copier '{id}'";
            case UsageKinds.Room:
                if (!rooms.IsRoom(id))
                {
                    return $"unknown room '{id}'";
                }

                return rooms.ForceEnd(id) ? null : $"no open use of room '{id}'";
            default:
                return $"unknown session kind '{kind}'";
        }
    }
}
