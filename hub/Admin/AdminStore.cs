using System.Globalization;
using Cybercantal.Edge.Hub.Credentials;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Protocol.Access;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// Members, badges, rights, leases and bookings at the hub. Every change runs in one transaction that
/// also bumps the credential version of each site concerned; after the commit its deltas are queued for
/// the gateways, in version order (changes are serialised). A manager acts only within their sites.
/// </summary>
public sealed class AdminStore
{
    private const string DateFormat = "yyyy-MM-dd";

    private readonly HubDatabase _database;
    private readonly CredentialDistributor _distributor;
    private readonly ILogger<AdminStore> _logger;
    private readonly Lock _writeLock = new();

    public AdminStore(HubDatabase database, CredentialDistributor distributor, ILogger<AdminStore> logger)
    {
        _database = database;
        _distributor = distributor;
        _logger = logger;
    }

    // ---- members

    public MemberView GetMember(ApiCaller caller, string id)
    {
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        return ReadVisibleMember(transaction, caller, id);
    }

    public IReadOnlyList<MemberView> ListMembers(ApiCaller caller, string? site, int page, int size)
    {
        if (site is not null)
        {
            AdminValidation.Site("site", site);
            caller.Require(site);
        }

        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = Command(transaction, """
            SELECT DISTINCT m.id FROM members m LEFT JOIN member_sites s ON s.member_id = m.id
            WHERE ($site IS NULL OR s.site = $site) AND ($admin = 1 OR s.site IN (SELECT value FROM json_each($sites)))
            ORDER BY m.id LIMIT $limit OFFSET $offset
            """);
        command.Parameters.AddWithValue("$site", (object?)site ?? DBNull.Value);
        command.Parameters.AddWithValue("$admin", caller.IsAdmin ? 1 : 0);
        command.Parameters.AddWithValue("$sites", System.Text.Json.JsonSerializer.Serialize(caller.Sites.ToArray(), HubAdminJsonContext.Default.StringArray));
        command.Parameters.AddWithValue("$limit", size);
        command.Parameters.AddWithValue("$offset", (long)(page - 1) * size);
        var ids = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        return [.. ids.Select(id => ReadVisibleMember(transaction, caller, id))];
    }

    public MemberView CreateMember(ApiCaller caller, MemberRequest request)
    {
        var id = AdminValidation.Id("id", request.Id);
        var (name, status, sites) = ValidateMember(request);
        foreach (var site in sites)
        {
            caller.Require(site);
        }

        return ChangeMember(caller, (transaction, scope) =>
        {
            if (Exists(transaction, "members", "id", id))
            {
                throw AdminException.Conflict($"Member '{id}' already exists.");
            }

            scope.Touch(id);
            using var insert = Command(transaction, "INSERT INTO members (id, display_name, status, valid_from, valid_to, staff) VALUES ($id, $name, $status, $from, $to, $staff)");
            MemberParameters(insert, id, name, status, request);
            insert.ExecuteNonQuery();
            SetSites(transaction, id, sites);
            AdminLog.MemberChanged(_logger, caller.Name, id, "created");
            return id;
        });
    }

    public MemberView UpdateMember(ApiCaller caller, string id, MemberRequest request)
    {
        var (name, status, sites) = ValidateMember(request);
        return ChangeMember(caller, (transaction, scope) =>
        {
            ReadVisibleMember(transaction, caller, id);
            scope.Touch(id);
            var before = scope.SitesBefore[id];
            if (!caller.IsAdmin)
            {
                // A manager may add or remove only their own centres.
                var foreignBefore = before.Where(s => !caller.CanSee(s)).Order(StringComparer.Ordinal);
                var foreignAfter = sites.Where(s => !caller.CanSee(s)).Order(StringComparer.Ordinal);
                if (!foreignBefore.SequenceEqual(foreignAfter))
                {
                    throw AdminException.Forbidden($"API key '{caller.Name}' may only add or remove its own sites ({string.Join(", ", caller.Sites)}).");
                }
            }

            using var update = Command(transaction, "UPDATE members SET display_name = $name, status = $status, valid_from = $from, valid_to = $to, staff = $staff WHERE id = $id");
            MemberParameters(update, id, name, status, request);
            update.ExecuteNonQuery();
            SetSites(transaction, id, sites);
            // Rows of centres the member left no longer apply there.
            using var orphan = Command(transaction, """
                DELETE FROM rights WHERE member_id = $id AND site NOT IN (SELECT site FROM member_sites WHERE member_id = $id);
                DELETE FROM leases WHERE member_id = $id AND site NOT IN (SELECT site FROM member_sites WHERE member_id = $id);
                DELETE FROM bookings WHERE member_id = $id AND site NOT IN (SELECT site FROM member_sites WHERE member_id = $id);
                """);
            orphan.Parameters.AddWithValue("$id", id);
            orphan.ExecuteNonQuery();
            AdminLog.MemberChanged(_logger, caller.Name, id, "updated");
            return id;
        });
    }

    public void DeleteMember(ApiCaller caller, string id) =>
        Change((transaction, scope) =>
        {
            var member = ReadVisibleMember(transaction, caller, id);
            if (!caller.IsAdmin && member.Sites.Any(s => !caller.CanSee(s)))
            {
                throw AdminException.Forbidden($"Member '{id}' is also known at other centres; only an admin key may delete them.");
            }

            scope.Touch(id);
            using var delete = Command(transaction, "DELETE FROM members WHERE id = $id");
            delete.Parameters.AddWithValue("$id", id);
            delete.ExecuteNonQuery();
            AdminLog.MemberChanged(_logger, caller.Name, id, "deleted");
            return (string?)null;
        });

    // ---- badges

    public BadgeView GetBadge(ApiCaller caller, string credential)
    {
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        return ReadVisibleBadge(transaction, caller, credential);
    }

    public BadgeView AddBadge(ApiCaller caller, BadgeRequest request)
    {
        if (!CredentialText.TryNormalize(request.Credential, out var credential))
        {
            throw AdminException.Invalid("credential", $"'{request.Credential}' is not a credential (expected e.g. nfc:04A1B2C3D4E5F6 or wiegand26:123:45678).");
        }

        var memberId = AdminValidation.Id("memberId", request.MemberId);
        var state = AdminValidation.OneOf("state", request.State, AdminValidation.BadgeStates, "active");
        return Change((transaction, scope) =>
        {
            ReadVisibleMember(transaction, caller, memberId);
            if (ReadBadge(transaction, credential) is { } existing)
            {
                throw AdminException.Conflict($"Badge '{credential}' already belongs to member '{existing.MemberId}'.");
            }

            scope.Touch(memberId);
            using var insert = Command(transaction, "INSERT INTO badges (credential, member_id, state) VALUES ($credential, $member, $state)");
            insert.Parameters.AddWithValue("$credential", credential);
            insert.Parameters.AddWithValue("$member", memberId);
            insert.Parameters.AddWithValue("$state", state);
            insert.ExecuteNonQuery();
            AdminLog.BadgeChanged(_logger, caller.Name, credential, state);
            return new BadgeView(credential, memberId, state);
        });
    }

    public BadgeView UpdateBadge(ApiCaller caller, string credential, BadgeRequest request)
    {
        var canonical = Canonical(credential);
        var state = AdminValidation.OneOf("state", request.State, AdminValidation.BadgeStates, "active");
        return Change((transaction, scope) =>
        {
            var badge = ReadVisibleBadge(transaction, caller, canonical);
            var memberId = request.MemberId is null ? badge.MemberId : AdminValidation.Id("memberId", request.MemberId);
            ReadVisibleMember(transaction, caller, memberId);
            scope.Touch(badge.MemberId);
            scope.Touch(memberId);
            using var update = Command(transaction, "UPDATE badges SET member_id = $member, state = $state WHERE credential = $credential");
            update.Parameters.AddWithValue("$credential", canonical);
            update.Parameters.AddWithValue("$member", memberId);
            update.Parameters.AddWithValue("$state", state);
            update.ExecuteNonQuery();
            AdminLog.BadgeChanged(_logger, caller.Name, canonical, state);
            return new BadgeView(canonical, memberId, state);
        });
    }

    public BadgeView RevokeBadge(ApiCaller caller, string credential) =>
        UpdateBadge(caller, credential, new BadgeRequest { State = "revoked" });

    public void DeleteBadge(ApiCaller caller, string credential)
    {
        var canonical = Canonical(credential);
        Change((transaction, scope) =>
        {
            var badge = ReadVisibleBadge(transaction, caller, canonical);
            scope.Touch(badge.MemberId);
            using var delete = Command(transaction, "DELETE FROM badges WHERE credential = $credential");
            delete.Parameters.AddWithValue("$credential", canonical);
            delete.ExecuteNonQuery();
            AdminLog.BadgeChanged(_logger, caller.Name, canonical, "deleted");
            return (string?)null;
        });
    }

    // ---- rights

    public RightView GetRight(ApiCaller caller, long id)
    {
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        return ReadRight(transaction, caller, id);
    }

    public RightView SaveRight(ApiCaller caller, long? id, RightRequest request)
    {
        var memberId = AdminValidation.Id("memberId", request.MemberId);
        var site = AdminValidation.Site("site", request.Site);
        var zone = AdminValidation.Id("zone", request.Zone);
        // The gateways' own parser: a schedule they would skip (refusing the member) never leaves the hub.
        if (request.Schedule is { } schedule && !RightSchedule.TryParse(schedule, out _, out _, out _))
        {
            throw AdminException.Invalid("schedule", $"'{schedule}' is not a weekly schedule (e.g. 'mon-fri 08:00-12:00,14:00-18:00; sat 09:00-12:00').");
        }

        AdminValidation.Range("validFrom", request.ValidFrom, "validTo", request.ValidTo);
        caller.Require(site);
        return Change((transaction, scope) =>
        {
            var previous = id is { } existing ? ReadRight(transaction, caller, existing) : null;
            RequireMemberAt(transaction, caller, memberId, site);
            var newId = SaveZoneRow(transaction, scope, caller, "right", id, previous?.MemberId, memberId, site, zone,
                "INSERT INTO rights (member_id, site, zone, schedule, valid_from, valid_to) VALUES ($member, $site, $zone, $schedule, $from, $to) RETURNING id",
                "UPDATE rights SET member_id = $member, site = $site, zone = $zone, schedule = $schedule, valid_from = $from, valid_to = $to WHERE id = $id RETURNING id",
                ("$schedule", (object?)request.Schedule ?? DBNull.Value),
                ("$from", Date(request.ValidFrom)),
                ("$to", Date(request.ValidTo)));
            return new RightView(newId, memberId, site, zone, request.Schedule, request.ValidFrom, request.ValidTo);
        });
    }

    public void DeleteRight(ApiCaller caller, long id) =>
        DeleteRow(caller, "rights", "right", id, transaction => ReadRight(transaction, caller, id) is var r ? (r.MemberId, r.Site) : default);

    // ---- leases

    public LeaseView GetLease(ApiCaller caller, long id)
    {
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        return ReadLease(transaction, caller, id);
    }

    public LeaseView SaveLease(ApiCaller caller, long? id, LeaseRequest request)
    {
        var memberId = AdminValidation.Id("memberId", request.MemberId);
        var site = AdminValidation.Site("site", request.Site);
        var zone = AdminValidation.Id("zone", request.Zone);
        var start = request.Start ?? throw AdminException.Invalid("start", "'start' (the first day of the lease, yyyy-MM-dd) is required.");
        AdminValidation.Range("start", start, "end", request.End);
        caller.Require(site);
        return Change((transaction, scope) =>
        {
            var previous = id is { } existing ? ReadLease(transaction, caller, existing) : null;
            RequireMemberAt(transaction, caller, memberId, site);
            var newId = SaveZoneRow(transaction, scope, caller, "lease", id, previous?.MemberId, memberId, site, zone,
                "INSERT INTO leases (member_id, site, zone, start_date, end_date) VALUES ($member, $site, $zone, $start, $end) RETURNING id",
                "UPDATE leases SET member_id = $member, site = $site, zone = $zone, start_date = $start, end_date = $end WHERE id = $id RETURNING id",
                ("$start", Date(start)),
                ("$end", Date(request.End)));
            return new LeaseView(newId, memberId, site, zone, start, request.End);
        });
    }

    public void DeleteLease(ApiCaller caller, long id) =>
        DeleteRow(caller, "leases", "lease", id, transaction => ReadLease(transaction, caller, id) is var l ? (l.MemberId, l.Site) : default);

    // ---- bookings

    public BookingView GetBooking(ApiCaller caller, long id)
    {
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        return ReadBooking(transaction, caller, id);
    }

    public IReadOnlyList<BookingView> ListBookings(ApiCaller caller, string site, string? zone, DateTimeOffset? from, DateTimeOffset? to)
    {
        AdminValidation.Site("site", site);
        caller.Require(site);
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = Command(transaction, """
            SELECT id, member_id, site, zone, start_us, end_us, r.reason, r.released_us FROM bookings LEFT JOIN booking_releases r ON r.booking_id = bookings.id
            WHERE site = $site AND ($zone IS NULL OR zone = $zone) AND end_us > $from AND start_us < $to
            ORDER BY start_us, id LIMIT 10000
            """);
        command.Parameters.AddWithValue("$site", site);
        command.Parameters.AddWithValue("$zone", (object?)zone ?? DBNull.Value);
        command.Parameters.AddWithValue("$from", from is { } f ? SiteCredentialsReader.ToMicroseconds(f) : long.MinValue);
        command.Parameters.AddWithValue("$to", to is { } t ? SiteCredentialsReader.ToMicroseconds(t) : long.MaxValue);
        using var reader = command.ExecuteReader();
        var bookings = new List<BookingView>();
        while (reader.Read())
        {
            bookings.Add(BookingRow(reader));
        }

        return bookings;
    }

    public BookingView SaveBooking(ApiCaller caller, long? id, BookingRequest request)
    {
        var memberId = AdminValidation.Id("memberId", request.MemberId);
        var site = AdminValidation.Site("site", request.Site);
        var zone = AdminValidation.Id("zone", request.Zone);
        var start = request.Start ?? throw AdminException.Invalid("start", "'start' (ISO 8601 instant with offset) is required.");
        var end = request.End ?? throw AdminException.Invalid("end", "'end' (ISO 8601 instant with offset) is required.");
        if (end <= start)
        {
            throw AdminException.Invalid("end", $"'end' ({end:O}) must be after 'start' ({start:O}).");
        }

        caller.Require(site);
        return Change((transaction, scope) =>
        {
            var previous = id is { } existing ? ReadBooking(transaction, caller, existing) : null;
            RequireMemberAt(transaction, caller, memberId, site);
            var startUs = SiteCredentialsReader.ToMicroseconds(start);
            var endUs = SiteCredentialsReader.ToMicroseconds(end);
            using (var overlap = Command(transaction, """
                SELECT id, member_id, start_us, end_us FROM bookings
                WHERE site = $site AND zone = $zone AND start_us < $end AND end_us > $start AND id <> $id
                AND id NOT IN (SELECT booking_id FROM booking_releases)
                ORDER BY start_us LIMIT 1
                """))
            {
                overlap.Parameters.AddWithValue("$site", site);
                overlap.Parameters.AddWithValue("$zone", zone);
                overlap.Parameters.AddWithValue("$start", startUs);
                overlap.Parameters.AddWithValue("$end", endUs);
                overlap.Parameters.AddWithValue("$id", id ?? 0);
                using var reader = overlap.ExecuteReader();
                if (reader.Read())
                {
                    throw AdminException.Conflict(string.Create(CultureInfo.InvariantCulture,
                        $"Room '{zone}' at '{site}' is already booked from {SiteCredentialsReader.FromMicroseconds(reader.GetInt64(2)):O} to {SiteCredentialsReader.FromMicroseconds(reader.GetInt64(3)):O} (booking {reader.GetInt64(0)}, member '{reader.GetString(1)}')."));
                }
            }

            var newId = SaveZoneRow(transaction, scope, caller, "booking", id, previous?.MemberId, memberId, site, zone,
                "INSERT INTO bookings (member_id, site, zone, start_us, end_us) VALUES ($member, $site, $zone, $start, $end) RETURNING id",
                "UPDATE bookings SET member_id = $member, site = $site, zone = $zone, start_us = $start, end_us = $end WHERE id = $id RETURNING id",
                ("$start", startUs),
                ("$end", endUs));
            return new BookingView(newId, memberId, site, zone, start.ToUniversalTime(), end.ToUniversalTime());
        });
    }

    /// <summary>
    /// Releases the booking a site reported as a no-show: matched by site, room, member and booking start
    /// and end (within a millisecond, the precision of the site's record). The booking stays listed with
    /// status <c>released</c>, frees the room for new bookings and leaves the sites with a new credential
    /// version. Idempotent: an already released or unknown booking changes nothing.
    /// </summary>
    /// <returns>The released booking's id, or null when nothing was released.</returns>
    public long? ReleaseNoShow(string site, string zone, string memberId, DateTimeOffset start, DateTimeOffset end, DateTimeOffset releasedAt) =>
        Change((transaction, scope) =>
        {
            long? bookingId;
            using (var find = Command(transaction, """
                SELECT id FROM bookings
                WHERE site = $site AND zone = $zone AND member_id = $member
                  AND start_us BETWEEN $start - 999 AND $start + 999 AND end_us BETWEEN $end - 999 AND $end + 999
                  AND id NOT IN (SELECT booking_id FROM booking_releases)
                ORDER BY id LIMIT 1
                """))
            {
                find.Parameters.AddWithValue("$site", site);
                find.Parameters.AddWithValue("$zone", zone);
                find.Parameters.AddWithValue("$member", memberId);
                find.Parameters.AddWithValue("$start", SiteCredentialsReader.ToMicroseconds(start));
                find.Parameters.AddWithValue("$end", SiteCredentialsReader.ToMicroseconds(end));
                bookingId = find.ExecuteScalar() is long found ? found : null;
            }

            if (bookingId is not { } id)
            {
                return (long?)null;
            }

            // Touched only when something changes: a duplicate record makes no new credential version.
            scope.Touch(memberId);
            using var release = Command(transaction, "INSERT INTO booking_releases (booking_id, reason, released_us) VALUES ($id, 'no-show', $at)");
            release.Parameters.AddWithValue("$id", id);
            release.Parameters.AddWithValue("$at", SiteCredentialsReader.ToMicroseconds(releasedAt));
            release.ExecuteNonQuery();
            AdminLog.BookingReleased(_logger, id, site, zone, memberId, start);
            return id;
        });

    public void DeleteBooking(ApiCaller caller, long id) =>
        DeleteRow(caller, "bookings", "booking", id, transaction => ReadBooking(transaction, caller, id) is var b ? (b.MemberId, b.Site) : default);

    // ---- plumbing

    private MemberView ChangeMember(ApiCaller caller, Func<SqliteTransaction, ChangeScope, string> action) =>
        GetMember(caller, Change(action));

    private T Change<T>(Func<SqliteTransaction, ChangeScope, T> action)
    {
        lock (_writeLock)
        {
            using var connection = _database.OpenConnection();
            using var transaction = connection.BeginTransaction();
            var scope = new ChangeScope(transaction);
            var result = action(transaction, scope);
            var deltas = CredentialDistributor.PrepareDeltas(transaction, scope.SitesBefore);
            transaction.Commit();
            // Still under the lock: deltas are queued in the order their versions were assigned.
            _distributor.Publish(deltas);
            return result;
        }
    }

    private void DeleteRow(ApiCaller caller, string table, string what, long id, Func<SqliteTransaction, (string MemberId, string Site)> find) =>
        Change((transaction, scope) =>
        {
            var (memberId, site) = find(transaction);
            scope.Touch(memberId);
            using var delete = Command(transaction, $"DELETE FROM {table} WHERE id = $id");
            delete.Parameters.AddWithValue("$id", id);
            delete.ExecuteNonQuery();
            AdminLog.RowChanged(_logger, caller.Name, what + " deleted", id, site);
            return (string?)null;
        });

    private static (string Name, string Status, string[] Sites) ValidateMember(MemberRequest request)
    {
        var name = AdminValidation.Text("name", request.Name, 100);
        var status = AdminValidation.OneOf("status", request.Status, AdminValidation.MemberStatuses, "active");
        AdminValidation.Range("validFrom", request.ValidFrom, "validTo", request.ValidTo);
        var sites = (request.Sites ?? []).Select(s => AdminValidation.Site("sites", s)).Distinct(StringComparer.Ordinal).ToArray();
        return (name, status, sites);
    }

    private static void MemberParameters(SqliteCommand command, string id, string name, string status, MemberRequest request)
    {
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$from", Date(request.ValidFrom));
        command.Parameters.AddWithValue("$to", Date(request.ValidTo));
        command.Parameters.AddWithValue("$staff", request.Staff ? 1 : 0);
    }

    private static void SetSites(SqliteTransaction transaction, string id, string[] sites)
    {
        using (var clear = Command(transaction, "DELETE FROM member_sites WHERE member_id = $id"))
        {
            clear.Parameters.AddWithValue("$id", id);
            clear.ExecuteNonQuery();
        }

        foreach (var site in sites)
        {
            using var insert = Command(transaction, "INSERT INTO member_sites (member_id, site) VALUES ($id, $site)");
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$site", site);
            insert.ExecuteNonQuery();
        }
    }

    private static MemberView ReadVisibleMember(SqliteTransaction transaction, ApiCaller caller, string id)
    {
        using var command = Command(transaction, "SELECT id, display_name, status, valid_from, valid_to, staff FROM members WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        var sites = SiteCredentialsReader.MemberSites(transaction, id);
        // A member outside the caller's centres is "not found", not "forbidden": it does not exist for them.
        if (!reader.Read() || (!caller.IsAdmin && !sites.Any(caller.CanSee)))
        {
            throw AdminException.NotFound($"No member '{id}'.");
        }

        var badges = new List<BadgeView>();
        Read(transaction, "SELECT credential, member_id, state FROM badges WHERE member_id = $id ORDER BY credential", id,
            r => badges.Add(new BadgeView(r.GetString(0), r.GetString(1), r.GetString(2))));
        var rights = new List<RightView>();
        Read(transaction, "SELECT id, member_id, site, zone, schedule, valid_from, valid_to FROM rights WHERE member_id = $id ORDER BY id", id,
            r => rights.Add(RightRow(r)));
        var leases = new List<LeaseView>();
        Read(transaction, "SELECT id, member_id, site, zone, start_date, end_date FROM leases WHERE member_id = $id ORDER BY id", id,
            r => leases.Add(LeaseRow(r)));
        var bookings = new List<BookingView>();
        Read(transaction, "SELECT id, member_id, site, zone, start_us, end_us, r.reason, r.released_us FROM bookings LEFT JOIN booking_releases r ON r.booking_id = bookings.id WHERE member_id = $id ORDER BY start_us", id,
            r => bookings.Add(BookingRow(r)));
        return new MemberView(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            SiteCredentialsReader.Date(reader, 3),
            SiteCredentialsReader.Date(reader, 4),
            reader.GetInt64(5) != 0,
            [.. sites.Order(StringComparer.Ordinal)],
            badges,
            [.. rights.Where(r => caller.CanSee(r.Site))],
            [.. leases.Where(l => caller.CanSee(l.Site))],
            [.. bookings.Where(b => caller.CanSee(b.Site))]);
    }

    /// <summary>
    /// Inserts (no previous row) or updates one member's row on a zone of a site (right, lease, booking) and
    /// marks whose credentials change: the previous holder when the row moves to another member, and the new one.
    /// </summary>
    private long SaveZoneRow(
        SqliteTransaction transaction,
        ChangeScope scope,
        ApiCaller caller,
        string kind,
        long? id,
        string? previousMemberId,
        string memberId,
        string site,
        string zone,
        string insertSql,
        string updateSql,
        params (string Name, object Value)[] values)
    {
        if (previousMemberId is not null)
        {
            scope.Touch(previousMemberId);
        }

        scope.Touch(memberId);
        using var command = Command(transaction, previousMemberId is null ? insertSql : updateSql);
        command.Parameters.AddWithValue("$id", id ?? 0);
        command.Parameters.AddWithValue("$member", memberId);
        command.Parameters.AddWithValue("$site", site);
        command.Parameters.AddWithValue("$zone", zone);
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var newId = (long)command.ExecuteScalar()!;
        AdminLog.RowChanged(_logger, caller.Name, kind, newId, site);
        return newId;
    }

    private static void RequireMemberAt(SqliteTransaction transaction, ApiCaller caller, string memberId, string site)
    {
        var member = ReadVisibleMember(transaction, caller, memberId);
        if (!member.Sites.Contains(site, StringComparer.Ordinal))
        {
            throw AdminException.Invalid("site", $"Member '{memberId}' is not known at site '{site}' (their sites: {string.Join(", ", member.Sites)}); add the site to the member first.");
        }
    }

    private static BadgeView ReadVisibleBadge(SqliteTransaction transaction, ApiCaller caller, string credential)
    {
        var canonical = Canonical(credential);
        var badge = ReadBadge(transaction, canonical) ?? throw AdminException.NotFound($"No badge '{canonical}'.");
        ReadVisibleMember(transaction, caller, badge.MemberId);
        return badge;
    }

    private static BadgeView? ReadBadge(SqliteTransaction transaction, string credential)
    {
        BadgeView? badge = null;
        Read(transaction, "SELECT credential, member_id, state FROM badges WHERE credential = $id", credential,
            r => badge = new BadgeView(r.GetString(0), r.GetString(1), r.GetString(2)));
        return badge;
    }

    private static string Canonical(string credential) =>
        CredentialText.TryNormalize(credential, out var canonical)
            ? canonical
            : throw AdminException.Invalid("credential", $"'{credential}' is not a credential (expected e.g. nfc:04A1B2C3D4E5F6 or wiegand26:123:45678).");

    private static RightView ReadRight(SqliteTransaction transaction, ApiCaller caller, long id)
    {
        RightView? right = null;
        Read(transaction, "SELECT id, member_id, site, zone, schedule, valid_from, valid_to FROM rights WHERE id = $id", id, r => right = RightRow(r));
        return right is not null && caller.CanSee(right.Site) ? right : throw AdminException.NotFound($"No right {id}.");
    }

    private static LeaseView ReadLease(SqliteTransaction transaction, ApiCaller caller, long id)
    {
        LeaseView? lease = null;
        Read(transaction, "SELECT id, member_id, site, zone, start_date, end_date FROM leases WHERE id = $id", id, r => lease = LeaseRow(r));
        return lease is not null && caller.CanSee(lease.Site) ? lease : throw AdminException.NotFound($"No lease {id}.");
    }

    private static BookingView ReadBooking(SqliteTransaction transaction, ApiCaller caller, long id)
    {
        BookingView? booking = null;
        Read(transaction, "SELECT id, member_id, site, zone, start_us, end_us, r.reason, r.released_us FROM bookings LEFT JOIN booking_releases r ON r.booking_id = bookings.id WHERE id = $id", id, r => booking = BookingRow(r));
        return booking is not null && caller.CanSee(booking.Site) ? booking : throw AdminException.NotFound($"No booking {id}.");
    }

    private static RightView RightRow(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
        SiteCredentialsReader.Date(r, 5), SiteCredentialsReader.Date(r, 6));

    private static LeaseView LeaseRow(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), SiteCredentialsReader.Date(r, 4)!.Value, SiteCredentialsReader.Date(r, 5));

    private static BookingView BookingRow(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
        SiteCredentialsReader.FromMicroseconds(r.GetInt64(4)), SiteCredentialsReader.FromMicroseconds(r.GetInt64(5)))
    {
        Status = r.IsDBNull(6) ? BookingView.Booked : BookingView.Released,
        ReleaseReason = r.IsDBNull(6) ? null : r.GetString(6),
        ReleasedAt = r.IsDBNull(7) ? null : SiteCredentialsReader.FromMicroseconds(r.GetInt64(7)),
    };

    private static bool Exists(SqliteTransaction transaction, string table, string column, string value)
    {
        using var command = Command(transaction, $"SELECT 1 FROM {table} WHERE {column} = $value");
        command.Parameters.AddWithValue("$value", value);
        return command.ExecuteScalar() is not null;
    }

    private static object Date(DateOnly? date) =>
        date is { } value ? value.ToString(DateFormat, CultureInfo.InvariantCulture) : DBNull.Value;

    private static void Read(SqliteTransaction transaction, string sql, object id, Action<SqliteDataReader> row)
    {
        using var command = Command(transaction, sql);
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
