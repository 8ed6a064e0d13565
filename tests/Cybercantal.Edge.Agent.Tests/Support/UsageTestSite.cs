using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Usage;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Tests.Support;

/// <summary>
/// <see cref="AccessTestSite"/> plus what usage tracking needs: two PCs (pc-os-01 with a desk reader), a
/// copier on GPIO 23 with its reader, a reader at the meeting room's door, and a store with members SF-001..SF-003 (badges
/// nfc:0401, nfc:0402, nfc:0403).
/// </summary>
internal static class UsageTestSite
{
    public const int CopierPin = 23;

    /// <summary>The desk reader of pc-os-01 (seat assignment by badge tap).</summary>
    public const string DeskReader = "lecteur-bureau-os-01";

    public static readonly Credential Alice = Credential.Parse("nfc:0401");
    public static readonly Credential Bruno = Credential.Parse("nfc:0402");
    public static readonly Credential Chloe = Credential.Parse("nfc:0403");

    /// <param name="extraReaders">Readers added after the site's own (e.g. a second desk reader).</param>
    public static SiteConfiguration Create(params ReaderConfiguration[] extraReaders)
    {
        var site = AccessTestSite.Create();
        return new SiteConfiguration
        {
            Id = site.Id,
            Name = site.Name,
            Commune = site.Commune,
            TimeZone = site.TimeZone,
            OpeningHours = site.OpeningHours,
            Closures = site.Closures,
            Zones = site.Zones,
            Doors = site.Doors,
            Readers =
            [
                new ReaderConfiguration { Id = "lecteur-copieur", Kind = ReaderKind.Pcsc, Resource = "copieur" },
                new ReaderConfiguration { Id = "lecteur-reunion", Kind = ReaderKind.Pcsc, Door = "porte-salle-reunion" },
                new ReaderConfiguration { Id = "lecteur-visio", Kind = ReaderKind.Pcsc, Door = "porte-salle-visio" },
                new ReaderConfiguration { Id = DeskReader, Kind = ReaderKind.Pcsc, Resource = "pc-os-01" },
                .. extraReaders,
            ],
            Pcs =
            [
                new PcConfiguration { Id = "pc-os-01", Zone = "open-space", HostName = "127.0.0.1" },
                new PcConfiguration { Id = "pc-os-02", Zone = "open-space", HostName = "127.0.0.1" },
            ],
            Copiers = [new CopierConfiguration { Id = "copieur", Zone = "reprographie", SnmpAddress = "127.0.0.1:161", EnablePin = CopierPin }],
        };
    }

    public static AccessStore Store(params BookingRecord[] bookings)
    {
        var builder = new AccessSnapshotBuilder();
        foreach (var (id, credential) in new[] { ("SF-001", Alice), ("SF-002", Bruno), ("SF-003", Chloe) })
        {
            builder.Add(new MemberRecord(id, id, MemberStatus.Active, null, null, Staff: false));
            builder.AddBadge(credential, BadgeState.Active, id);
        }

        foreach (var booking in bookings)
        {
            builder.Add(booking);
        }

        return new AccessStore(builder.Build());
    }

    public static IOptions<UsageOptions> Options(Action<UsageOptions>? change = null)
    {
        var options = new UsageOptions();
        change?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    /// <summary>A badge decision at one of the site's readers, as the pipeline publishes it.</summary>
    public static BadgeDecision Decision(SiteConfiguration site, string readerId, Credential credential, string memberId, DateTimeOffset at, bool granted = true)
    {
        ArgumentNullException.ThrowIfNull(site);
        var reader = site.Readers.Single(r => r.Id == readerId);
        var door = reader.Door is null ? null : site.Doors.Single(d => d.Id == reader.Door);
        var zone = door is null ? null : site.Zones.Single(z => z.Id == door.ToZone);
        var decision = granted ? AccessDecision.Grant(0, GrantBasis.CommonArea) : AccessDecision.Deny(DenyReason.OutOfHours, 0);
        return new BadgeDecision(reader, door, zone, credential, decision, memberId, memberId, at);
    }
}
