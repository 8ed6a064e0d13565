using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Protocol.Access;
using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Agent.Tests.Access;

public sealed class AccessStoreDatabaseTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Opening_creates_a_wal_file_at_the_current_schema_version_and_reopens_idempotently()
    {
        var path = _temp.File("sub/access.db");

        var database = AccessStoreDatabase.Open(path);
        AccessStoreDatabase.Open(path);

        Assert.True(File.Exists(path));
        Assert.Equal(AccessStoreDatabase.SchemaVersion, database.ReadSchemaVersion());
        Assert.Equal("wal", Scalar(path, "PRAGMA journal_mode"));
        Assert.Equal(1L, Scalar(path, "SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public void A_store_from_a_newer_agent_is_refused()
    {
        var path = _temp.File("access.db");
        AccessStoreDatabase.Open(path);
        Execute(path, "INSERT INTO schema_version (version, applied_utc) VALUES (99, 'later')");

        var error = Assert.Throws<InvalidOperationException>(() => AccessStoreDatabase.Open(path));
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_written_round_trip_through_a_snapshot_and_an_uncommitted_writer_leaves_nothing()
    {
        var database = AccessStoreDatabase.Open(_temp.File("access.db"));
        using (var writer = database.BeginReplace())
        {
            writer.Add(new MemberRecord("m1", "Amélie", MemberStatus.Active, new DateOnly(2026, 1, 1), null, false));
            writer.Add(new BadgeRecord(Credential.Parse("nfc:01020304"), BadgeState.Active, "m1"));
            writer.Add(new AccessRightRecord("m1", "salle-visio", "mon-fri 08:00-18:00", null, new DateOnly(2026, 12, 31)));
            writer.Add(new LeaseRecord("m1", "bureau-1", new DateOnly(2026, 1, 1), null));
            writer.Add(new BookingRecord("m1", "salle-reunion", AccessTestSite.Utc(2026, 12, 1, 9, 0), AccessTestSite.Utc(2026, 12, 1, 10, 0)));
            writer.Commit();
        }

        using (var abandoned = database.BeginReplace())
        {
            abandoned.Add(new MemberRecord("m2", "Baptiste", MemberStatus.Active, null, null, false));
        }

        var snapshot = AccessSnapshot.Load(database);
        Assert.Equal((1, 1, 1, 1, 1), (snapshot.MemberCount, snapshot.BadgeCount, snapshot.RightCount, snapshot.LeaseCount, snapshot.BookingCount));
        Assert.True(snapshot.TryFindBadge(Credential.Parse("nfc:01020304"), out var member, out var state));
        Assert.Equal(("m1", "Amélie", BadgeState.Active), (snapshot.MemberId(member), snapshot.MemberDisplayName(member), state));
    }

    [Fact]
    public void Store_reload_swaps_the_snapshot_in()
    {
        var database = AccessStoreDatabase.Open(_temp.File("access.db"));
        var store = new AccessStore(database);
        Assert.Equal(0, store.Current.BadgeCount);

        AccessStoreGenerator.Generate(database, members: 10, badges: 30, rights: 5);

        Assert.True(store.Reload());
        Assert.Equal(30, store.Current.BadgeCount);
    }

    [Fact]
    public void Right_schedules_parse_with_ranges_lists_and_wrapping_days()
    {
        var slots = RightSchedule.Parse("mon-fri 08:00-12:00,14:00-18:00; sat,sun 09:00-24:00");

        Assert.Equal(3, slots.Length);
        Assert.True(slots[0].Contains(DayOfWeek.Friday, TimeSpan.FromHours(11.99).Ticks));
        Assert.False(slots[0].Contains(DayOfWeek.Saturday, TimeSpan.FromHours(10).Ticks));
        Assert.True(slots[2].Contains(DayOfWeek.Sunday, TimeSpan.FromHours(23.99).Ticks));
        Assert.True(RightSchedule.Parse("sat-mon 10:00-11:00")[0].Contains(DayOfWeek.Sunday, TimeSpan.FromHours(10.5).Ticks));
        Assert.False(RightSchedule.TryParse("mon-fri 18:00-08:00", out _, out _, out var offset));
        Assert.Equal(8, offset);
        Assert.False(RightSchedule.TryParse("lun 08:00-10:00", out _, out _, out _));
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(string path, string sql) => Scalar(path, sql);
}
