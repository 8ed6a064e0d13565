using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Tests.Support;

namespace Cybercantal.Edge.Agent.Tests.Access;

public sealed class AccessSeedImporterTests : IDisposable
{
    private const string BadSeed = """
        members:
          - id: m1
            display_name: Amélie
          - id: m1
            display_name: Doublon
          - id: m2
            display_name: Baptiste
            status: retired
            colour: blue
        badges:
          - { credential: "nfc:01020304", member: m1 }
          - { credential: "NFC:01020304", member: m1 }
          - { credential: "nfc:XYZ", member: m1 }
          - { credential: "nfc:0A0B0C0D", member: ghost }
        rights:
          - member: m1
            zone: salle-visio
            schedule: "mon-fri 18:00-08:00"
        leases:
          - { member: m1, zone: bureau-1, start: 2026-13-01 }
        bookings:
          - { member: m1, zone: salle-reunion, start: "2026-12-01T09:00:00Z", end: "2026-12-01T10:00:00Z" }
          - { member: m1, zone: salle-reunion, start: "2026-12-01T09:30:00Z", end: "2026-12-01T11:00:00Z" }
          - { member: m1, zone: salle-reunion, start: "2026-12-01T12:00:00", end: "2026-12-01T13:00:00Z" }

        """;

    private readonly TemporaryDirectory _temp = new();
    private readonly string _samplePath = RepositoryFiles.Find("samples/seed/saint-flour.yaml");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Every_problem_is_reported_with_its_file_line_and_column()
    {
        var seed = Write("bad.yaml", BadSeed);

        var result = AccessSeedImporter.Validate(seed);

        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                $"{seed}:4:9: duplicate member id 'm1' (first defined at line 2)",
                $"{seed}:8:13: member status 'retired' is not one of active, suspended, expired",
                $"{seed}:9:5: unknown key 'colour' in members (expected: id, display_name, status, valid_from, valid_to, staff)",
                $"{seed}:12:19: duplicate badge nfc:01020304 (first defined at line 11)",
                $"{seed}:13:19: 'nfc:XYZ' is not a credential (expected e.g. nfc:04A1B2C3D4E5F6 or wiegand26:123:45678)",
                $"{seed}:14:43: unknown member 'ghost' (not in members)",
                $"{seed}:18:24: schedule: '18:00-08:00' is not a time range HH:mm-HH:mm with start before end",
                $"{seed}:20:42: start '2026-13-01' is not a date yyyy-MM-dd",
                $"{seed}:23:5: booking of salle-reunion from 2026-12-01T09:30:00Z overlaps the booking at line 22 (until 2026-12-01T10:00:00Z)",
                $"{seed}:24:47: start '2026-12-01T12:00:00' is not an instant with an offset (e.g. 2026-12-01T09:00:00Z)",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_refused_seed_leaves_the_store_untouched()
    {
        var database = AccessStoreDatabase.Open(_temp.File("access.db"));
        Assert.True(AccessSeedImporter.Import(_samplePath, database).Succeeded);

        var result = AccessSeedImporter.Import(Write("bad.yaml", BadSeed), database);

        Assert.False(result.Succeeded);
        var snapshot = AccessSnapshot.Load(database);
        Assert.Equal(12, snapshot.MemberCount);
        Assert.Equal(13, snapshot.BadgeCount);
    }

    [Theory]
    [InlineData("", "1:1: a seed file is a mapping")]
    [InlineData("members: [\n", "not valid YAML")]
    [InlineData("membres:\n  - id: x\n", "1:1: unknown section 'membres'")]
    [InlineData("members:\n  - id: x\n", "2:5: missing 'display_name'")]
    [InlineData("members:\n  - { id: x, display_name: X, valid_from: 2026-05-01, valid_to: 2026-04-01 }\n", "valid_to 2026-04-01 is before valid_from 2026-05-01")]
    [InlineData("members: 3\n", "'members' must be a list of rows")]
    public void Malformed_files_are_refused_with_a_clear_message(string text, string expected)
    {
        var result = AccessSeedImporter.Validate(Write("seed.yaml", text));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_a_problem_not_a_crash()
    {
        var result = AccessSeedImporter.Validate(_temp.File("absent.yaml"));

        Assert.Contains("cannot read the seed file", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_saint_flour_sample_imports_and_decides_as_documented()
    {
        var database = AccessStoreDatabase.Open(_temp.File("access.db"));

        var result = AccessSeedImporter.Import(_samplePath, database);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal((12, 13, 1, 3, 4), (result.Members, result.Badges, result.Rights, result.Leases, result.Bookings));
        var site = AccessTestSite.Create();
        var store = new AccessStore(database);
        Assert.True(store.Reload());
        var engine = new AccessDecisionEngine(site, store);
        var tuesday = AccessTestSite.Local(2026, 12, 1, 10, 0);

        var amelie = engine.Decide(Credential.Parse("nfc:04A1B2C3D4E5F6"), site.DoorTo("bureau-1"), tuesday);
        Assert.Equal((true, GrantBasis.Lease), (amelie.Granted, amelie.Basis));
        Assert.Equal("Amélie", store.Current.MemberDisplayName(amelie.MemberIndex));
        Assert.Equal(DenyReason.BadgeRevoked, engine.Decide(Credential.Parse("nfc:DEADBEEF"), site.DoorTo("accueil"), tuesday).Reason);
        Assert.Equal(GrantBasis.CommonArea, engine.Decide(Credential.Parse("nfc:3A4B5C6D"), site.DoorTo("accueil"), tuesday).Basis);
        Assert.Equal(DenyReason.MemberExpired, engine.Decide(Credential.Parse("nfc:04293A4B5C6D7E"), site.DoorTo("accueil"), tuesday).Reason);
        Assert.Equal(DenyReason.MemberSuspended, engine.Decide(Credential.Parse("nfc:041829304A5B6C"), site.DoorTo("accueil"), tuesday).Reason);
        Assert.Equal(GrantBasis.Booking, engine.Decide(Credential.Parse("nfc:04E5F60718293A"), site.DoorTo("salle-reunion"), AccessTestSite.Local(2026, 12, 1, 8, 55)).Basis);
        Assert.Equal(GrantBasis.Staff, engine.Decide(Credential.Parse("wiegand26:123:45678"), site.DoorTo("accueil"), AccessTestSite.Local(2026, 12, 6, 22, 0)).Basis);
        Assert.Equal(DenyReason.NoRightForZone, engine.Decide(Credential.Parse("nfc:04C3D4E5F60718"), site.DoorTo("bureau-2"), AccessTestSite.Local(2026, 11, 30, 10, 0)).Reason);
    }

    [Fact]
    public void Import_command_reports_success_on_stdout_and_problems_on_stderr()
    {
        var databasePath = _temp.File("access.db");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        Assert.Equal(AccessImportCommand.Imported, AccessImportCommand.Run(_samplePath, databasePath, stdout, stderr));
        Assert.Contains("12 members, 13 badges", stdout.ToString(), StringComparison.Ordinal);

        var bad = Write("bad.yaml", BadSeed);
        Assert.Equal(AccessImportCommand.SeedRefused, AccessImportCommand.Run(bad, databasePath, stdout, stderr));
        Assert.Contains($"{bad}:14:43: unknown member 'ghost'", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("nothing imported", stderr.ToString(), StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, text);
        return path;
    }
}
