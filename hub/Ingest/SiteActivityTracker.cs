using System.Collections.Concurrent;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Protocol.Sites;

namespace Cybercantal.Edge.Hub.Ingest;

/// <summary>
/// In-memory view of every site (lag, last seen, online state). Rebuilt from the store's progress at start;
/// the rest (last seen, head, state) is live information only.
/// </summary>
public sealed class SiteActivityTracker
{
    private readonly ConcurrentDictionary<string, SiteActivity> _sites = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public SiteActivityTracker(TimeProvider time) => _time = time;

    public IReadOnlyList<SiteActivity> Snapshot() =>
        [.. _sites.Values.OrderBy(s => s.Site, StringComparer.Ordinal)];

    public SiteActivity? Find(string site) => _sites.GetValueOrDefault(site);

    internal void Seed(string site, SiteProgress progress) =>
        _sites.AddOrUpdate(
            site,
            s => new SiteActivity { Site = s, CommittedThrough = progress.CommittedThrough, HighestStored = progress.HighestStored, Head = progress.HighestStored },
            (_, current) => current with { CommittedThrough = progress.CommittedThrough, HighestStored = progress.HighestStored });

    internal void Received(string site, long head)
    {
        var now = _time.GetUtcNow();
        _sites.AddOrUpdate(
            site,
            s => new SiteActivity { Site = s, Head = head, LastSeen = now },
            (_, current) => current with { Head = Math.Max(current.Head, head), LastSeen = now });
    }

    internal void Refused(string site)
    {
        var now = _time.GetUtcNow();
        _sites.AddOrUpdate(
            site,
            s => new SiteActivity { Site = s, LastSeen = now, RefusedBatches = 1 },
            (_, current) => current with { LastSeen = now, RefusedBatches = current.RefusedBatches + 1 });
    }

    internal void Committed(string site, SiteProgress progress) =>
        _sites.AddOrUpdate(
            site,
            s => new SiteActivity { Site = s, CommittedThrough = progress.CommittedThrough, HighestStored = progress.HighestStored, Head = progress.HighestStored },
            (_, current) => current with
            {
                CommittedThrough = progress.CommittedThrough,
                HighestStored = progress.HighestStored,
                Head = Math.Max(current.Head, progress.HighestStored),
            });

    /// <summary>
    /// Applies a status message; an <c>offline</c> from an older session than the one known is ignored
    /// (a late Will must not hide a newer connection). Returns whether it was applied.
    /// </summary>
    internal bool Status(SiteStatus status)
    {
        var applied = false;
        var now = _time.GetUtcNow();
        _sites.AddOrUpdate(
            status.Site,
            s =>
            {
                applied = true;
                return new SiteActivity { Site = s, State = status.State, Session = status.Session, LastSeen = now };
            },
            (_, current) =>
            {
                var known = current.Session ?? long.MinValue;
                applied = status.Session > known || (status.Session == known && status.State == SiteState.Offline);
                return applied ? current with { State = status.State, Session = status.Session, LastSeen = now } : current;
            });
        return applied;
    }
}
