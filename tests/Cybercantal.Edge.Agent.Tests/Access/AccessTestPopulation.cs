using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Tests.Access;

/// <summary>A small population with one member per rule under test; badges are named after them.</summary>
internal static class AccessTestPopulation
{
    public static readonly Credential Active = Credential.Parse("nfc:01020304");
    public static readonly Credential ActiveWiegand = Credential.Parse("wiegand26:1:2");
    public static readonly Credential Revoked = Credential.Parse("nfc:0A0B0C0D");
    public static readonly Credential Lost = Credential.Parse("nfc:0E0F1011");
    public static readonly Credential Suspended = Credential.Parse("nfc:11111111");
    public static readonly Credential Expired = Credential.Parse("nfc:22222222");
    public static readonly Credential ValidUntilNovember = Credential.Parse("nfc:33333333");
    public static readonly Credential ValidFromDecember5 = Credential.Parse("nfc:44444444");
    public static readonly Credential Staff = Credential.Parse("nfc:55555555");
    public static readonly Credential StaffWiegand = Credential.Parse("wiegand26:123:45678");
    public static readonly Credential Lessee = Credential.Parse("nfc:66666666");
    public static readonly Credential Booker = Credential.Parse("nfc:77777777");
    public static readonly Credential RightHolder = Credential.Parse("nfc:88888888");
    public static readonly Credential Unknown = Credential.Parse("nfc:04FFFFFFFFFFFF");

    public static AccessSnapshot Build()
    {
        var builder = new AccessSnapshotBuilder();
        Member(builder, "active", "Amélie", Active, ActiveWiegand);
        builder.AddBadge(Revoked, BadgeState.Revoked, "active");
        builder.AddBadge(Lost, BadgeState.Lost, "active");
        Member(builder, "suspended", "Hugo", Suspended, status: MemberStatus.Suspended);
        Member(builder, "expired", "Inès", Expired, status: MemberStatus.Expired);
        Member(builder, "until-november", "Julien", ValidUntilNovember, to: new DateOnly(2026, 11, 30));
        Member(builder, "from-december-5", "Léa", ValidFromDecember5, from: new DateOnly(2026, 12, 5));
        Member(builder, "staff", "Martine", Staff, StaffWiegand, staff: true);
        Member(builder, "lessee", "Baptiste", Lessee);
        builder.Add(new LeaseRecord("lessee", "bureau-1", new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31)));
        Member(builder, "booker", "Élodie", Booker);
        builder.Add(new BookingRecord("booker", "salle-reunion",
            new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)));
        Member(builder, "right-holder", "Damien", RightHolder);
        builder.Add(new AccessRightRecord("right-holder", "salle-visio", "tue 08:30-12:30", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        builder.Add(new AccessRightRecord("right-holder", "local-technique", null, null, null));
        return builder.Build();
    }

    private static void Member(
        AccessSnapshotBuilder builder,
        string id,
        string name,
        Credential badge,
        Credential? second = null,
        MemberStatus status = MemberStatus.Active,
        DateOnly? from = null,
        DateOnly? to = null,
        bool staff = false)
    {
        builder.Add(new MemberRecord(id, name, status, from, to, staff));
        builder.AddBadge(badge, BadgeState.Active, id);
        if (second is { } other)
        {
            builder.AddBadge(other, BadgeState.Active, id);
        }
    }
}
