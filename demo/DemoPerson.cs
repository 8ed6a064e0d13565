using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Demo;

/// <summary>A generated member and the badges they carry (an NFC card and one or two Wiegand fobs).</summary>
public sealed record DemoPerson(string MemberId, string FirstName, DemoRole Role, IReadOnlyList<Credential> Badges, string? Office)
{
    /// <summary>The first badge the door's reader accepts, if any.</summary>
    public Credential? BadgeFor(IReadOnlyList<CredentialKind> accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        foreach (var badge in Badges)
        {
            if (accepted.Contains(badge.Kind))
            {
                return badge;
            }
        }

        return null;
    }
}
