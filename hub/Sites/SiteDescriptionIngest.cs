using Cybercantal.Edge.Protocol.Sites;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Hub.Sites;

/// <summary>
/// Takes a description published by an authenticated gateway: validated against the site the broker
/// authenticated (or the topic's, on an external broker whose ACL did that), stored, logged. A refused one
/// is logged with its reason and changes nothing; other sites are never affected.
/// </summary>
public sealed class SiteDescriptionIngest(SiteDescriptionStore store, TimeProvider time, ILogger<SiteDescriptionIngest> logger)
{
    /// <summary>True when stored; otherwise <paramref name="error"/> says why (also logged).</summary>
    public bool Accept(string site, ReadOnlySpan<byte> payload, out string? error)
    {
        if (!SiteDescriptionValidation.TryRead(payload, site, out var description, out error))
        {
            SitesLog.DescriptionRefused(logger, site, error);
            return false;
        }

        try
        {
            store.Save(description, time.GetUtcNow());
        }
        catch (SqliteException exception)
        {
            SitesLog.DescriptionStoreFailed(logger, site, exception);
            error = "not stored: " + exception.Message;
            return false;
        }

        SitesLog.DescriptionStored(logger, site, description.Zones.Count, description.Resources.Count, description.TimeZone);
        return true;
    }
}
