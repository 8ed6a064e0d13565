using System.Buffers.Binary;
using System.Globalization;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// Fills a store with a large, deterministic population (default 100,000 members, 250,000 badges,
/// 10,000 rights) for load tests and benchmarks. Every row follows a formula of its index so tests can
/// predict each decision: see <see cref="BadgeCredential"/>, <see cref="ExpectedBadgeState"/>,
/// <see cref="ExpectedMemberStatus"/>.
/// </summary>
public static class AccessStoreGenerator
{
    public const int DefaultMembers = 100_000;
    public const int DefaultBadges = 250_000;
    public const int DefaultRights = 10_000;

    /// <summary>Zones the generated explicit rights point to, in turn.</summary>
    public static IReadOnlyList<string> RightZones { get; } = ["salle-visio", "salle-reunion", "atelier"];

    private static readonly string[] FirstNames =
    [
        "Amélie", "Baptiste", "Camille", "Damien", "Élodie", "Fabien", "Gaëlle", "Hugo", "Inès", "Julien",
        "Léa", "Mathis", "Noémie", "Océane", "Pierre", "Quentin", "Romane", "Sébastien", "Théo", "Zoé",
    ];

    /// <summary>Writes a population into a sink (store writer or snapshot builder).</summary>
    public static void Fill(IAccessRowSink sink, int members = DefaultMembers, int badges = DefaultBadges, int rights = DefaultRights)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var since = new DateOnly(2020, 1, 1);
        for (var m = 0; m < members; m++)
        {
            sink.Add(new MemberRecord(MemberId(m), FirstNames[m % FirstNames.Length], ExpectedMemberStatus(m), since, null, IsStaff(m)));
        }

        for (var b = 0; b < badges; b++)
        {
            sink.Add(new BadgeRecord(BadgeCredential(b), ExpectedBadgeState(b), MemberId(BadgeMember(b, members))));
        }

        for (var r = 0; r < rights; r++)
        {
            sink.Add(new AccessRightRecord(
                MemberId(RightMember(r, members)),
                RightZones[r % RightZones.Count],
                r % 2 == 0 ? "mon-fri 08:00-18:00" : null,
                new DateOnly(2026, 1, 1),
                new DateOnly(2027, 12, 31)));
        }

        // A few lessees for the two private offices, from 2026-01-01.
        for (var m = 1; m <= Math.Min(8, members - 1); m++)
        {
            sink.Add(new LeaseRecord(MemberId(m), m % 2 == 1 ? "bureau-1" : "bureau-2", new DateOnly(2026, 1, 1), null));
        }
    }

    /// <summary>Creates (or replaces the content of) a store file with a generated population.</summary>
    public static void Generate(AccessStoreDatabase database, int members = DefaultMembers, int badges = DefaultBadges, int rights = DefaultRights)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var writer = database.BeginReplace();
        Fill(writer, members, badges, rights);
        writer.Commit();
    }

    public static string MemberId(int member) => "M" + member.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The NFC credential of generated badge <paramref name="badge"/> (7-byte UID 04 xx xx xx xx C4 7A).</summary>
    public static Credential BadgeCredential(int badge)
    {
        Span<byte> uid = stackalloc byte[7];
        uid[0] = 0x04;
        BinaryPrimitives.WriteInt32BigEndian(uid[1..5], badge);
        uid[5] = 0xC4;
        uid[6] = 0x7A;
        Credential.TryFromUid(uid, out var credential);
        return credential;
    }

    public static int BadgeMember(int badge, int members = DefaultMembers) => badge % members;

    public static int RightMember(int right, int members = DefaultMembers) => (int)((long)right * 7919 % members);

    public static bool IsStaff(int member) => member % 10_000 == 0;

    public static MemberStatus ExpectedMemberStatus(int member) => (member % 50) switch
    {
        49 => MemberStatus.Suspended,
        48 => MemberStatus.Expired,
        _ => MemberStatus.Active,
    };

    public static BadgeState ExpectedBadgeState(int badge) => (badge % 100) switch
    {
        99 => BadgeState.Revoked,
        98 => BadgeState.Lost,
        _ => BadgeState.Active,
    };
}
