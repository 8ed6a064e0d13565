using System.Globalization;
using Cybercantal.Edge.Hub.Ingest;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// Applies the sites' <see cref="JournalRecordKind.RoomNoShow"/> records to the bookings: the booking named by
/// the record (site, <c>zone</c>, member, <c>booking-start</c>, <c>booking-end</c>; docs/usage.md) is marked
/// released at the record's <c>released</c> instant and leaves the sites' credentials
/// (<see cref="AdminStore.ReleaseNoShow"/>). A resent record finds the booking already released: nothing changes.
/// </summary>
public sealed class NoShowBookingReleaser(AdminStore store, ILogger<NoShowBookingReleaser> logger) : IJournalCommitObserver
{
    public void Committed(IReadOnlyList<JournalBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        foreach (var batch in batches)
        {
            foreach (var record in batch.Records)
            {
                if (record.Kind != JournalRecordKind.RoomNoShow)
                {
                    continue;
                }

                try
                {
                    Apply(batch.Site, record);
                }
                catch (Microsoft.Data.Sqlite.SqliteException exception)
                {
                    AdminLog.NoShowFailed(logger, batch.Site, exception);
                }
            }
        }
    }

    private void Apply(string site, JournalBatchRecord record)
    {
        var detail = JournalDetailFields.Parse(record.Detail);
        if (string.IsNullOrEmpty(record.Member))
        {
            AdminLog.NoShowNotApplied(logger, site, record.Seq, "no member");
            return;
        }

        if (!detail.TryGetValue("zone", out var zone) || string.IsNullOrEmpty(zone)
            || !TryInstant(detail, "booking-start", out var start) || !TryInstant(detail, "booking-end", out var end))
        {
            AdminLog.NoShowNotApplied(logger, site, record.Seq, "detail lacks zone, booking-start or booking-end: " + record.Detail);
            return;
        }

        var releasedAt = TryInstant(detail, "released", out var released) ? released : record.At;
        store.ReleaseNoShow(site, zone, record.Member, start, end, releasedAt);
    }

    private static bool TryInstant(IReadOnlyDictionary<string, string> detail, string key, out DateTimeOffset at)
    {
        at = default;
        return detail.TryGetValue(key, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
    }
}
