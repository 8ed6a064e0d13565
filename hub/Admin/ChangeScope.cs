using Cybercantal.Edge.Hub.Credentials;
using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>The members one admin change touches, each with the sites it had before the change.</summary>
internal sealed class ChangeScope(SqliteTransaction transaction)
{
    private readonly Dictionary<string, HashSet<string>> _sitesBefore = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, HashSet<string>> SitesBefore => _sitesBefore;

    /// <summary>Call before modifying anything of the member.</summary>
    public void Touch(string memberId)
    {
        if (!_sitesBefore.ContainsKey(memberId))
        {
            _sitesBefore[memberId] = SiteCredentialsReader.MemberSites(transaction, memberId);
        }
    }
}
