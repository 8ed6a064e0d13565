namespace Cybercantal.Edge.Protocol.Mqtt;

/// <summary>
/// Site identifiers are MQTT topic levels and broker user names, so they are restricted to a safe
/// alphabet: no wildcard, no separator, nothing a broker ACL pattern could misread.
/// </summary>
public static class SiteIds
{
    public const int MaxLength = 32;

    public const string Rule = "1 to 32 characters among a-z, 0-9 and '-', starting with a letter or digit";

    public static bool IsValid(ReadOnlySpan<char> site)
    {
        if (site.IsEmpty || site.Length > MaxLength || site[0] == '-')
        {
            return false;
        }

        foreach (var c in site)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
