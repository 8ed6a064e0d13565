namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// Who is calling the admin API, from their API key: an admin sees every centre; a manager sees only the
/// sites of their key.
/// </summary>
public sealed record ApiCaller(string KeyId, string Name, bool IsAdmin, IReadOnlySet<string> Sites)
{
    public static ApiCaller System { get; } = new("system", "system", true, new HashSet<string>(StringComparer.Ordinal));

    public bool CanSee(string site) => IsAdmin || Sites.Contains(site);

    /// <summary>Throws 403 unless the caller may act on <paramref name="site"/>.</summary>
    public void Require(string site)
    {
        if (!CanSee(site))
        {
            throw AdminException.Forbidden($"API key '{Name}' is not allowed on site '{site}'.");
        }
    }

    /// <summary>Throws 403 unless the caller is an admin.</summary>
    public void RequireAdmin()
    {
        if (!IsAdmin)
        {
            throw AdminException.Forbidden($"API key '{Name}' is a manager key; this needs an admin key.");
        }
    }
}
