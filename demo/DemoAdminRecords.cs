using System.Globalization;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Billing;

namespace Cybercantal.Edge.Demo;

/// <summary>
/// Turns a generated centre into what a manager types into the hub's admin API, the same for the same seed:
/// members with their display names, validity and centre; every badge they carry; one lease per lessee (the
/// first lessee of each centre has rented for 14 months, so the office is billed; the others for a few
/// months, still in their free first year); the day's bookings. No explicit rights: staff have the staff
/// flag, lessees their lease, holders their booking, and open zones are open to every active member.
/// </summary>
public static class DemoAdminRecords
{
    /// <summary>Months the first lessee of each centre has rented their office (past the free first year).</summary>
    public const int BilledLeaseMonths = 14;

    // Fictional family names, drawn from the member id so the generated first names stay as they were.
    private static readonly string[] FamilyNames =
    [
        "Martin", "Bernard", "Roux", "Fabre", "Chastang", "Delpeuch", "Lavergne", "Vigier", "Bouygues", "Cantuel",
        "Malroux", "Tible", "Vermenouze", "Castanier", "Fau", "Bonal", "Courbebaisse", "Lacoste", "Mazet", "Rouchy",
    ];

    public static DemoCentreRecords For(DemoCentre centre)
    {
        ArgumentNullException.ThrowIfNull(centre);
        var day = centre.Day;
        var leaseStarts = LeaseStarts(centre);
        var members = centre.People.Select((person, index) =>
        {
            var sites = new[] { centre.Id };
            if (person.Role == DemoRole.Expired)
            {
                // Left at the end of last quarter; the badge is still in a drawer somewhere.
                return new MemberRequest
                {
                    Id = person.MemberId,
                    Name = DisplayName(person),
                    Status = "expired",
                    ValidFrom = day.AddMonths(-BilledLeaseMonths),
                    ValidTo = day.AddDays(-20 - index),
                    Sites = sites,
                };
            }

            var from = day.AddDays(-30 - 17 * index);
            if (leaseStarts.TryGetValue(person.MemberId, out var leaseStart) && leaseStart < from)
            {
                from = leaseStart;
            }

            return new MemberRequest
            {
                Id = person.MemberId,
                Name = DisplayName(person),
                Status = "active",
                ValidFrom = from,
                Staff = person.Role == DemoRole.Staff,
                Sites = sites,
            };
        }).ToList();

        var badges = centre.People
            .SelectMany(p => p.Badges.Select(b => new BadgeRequest { Credential = b.ToString(), MemberId = p.MemberId, State = "active" }))
            .ToList();
        var leases = centre.People
            .Where(p => leaseStarts.ContainsKey(p.MemberId))
            .Select(p => new LeaseRequest { MemberId = p.MemberId, Site = centre.Id, Zone = p.Office, Start = leaseStarts[p.MemberId] })
            .ToList();
        var bookings = centre.Bookings
            .Select(b => new BookingRequest { MemberId = b.MemberId, Site = centre.Id, Zone = b.Zone, Start = b.Start, End = b.End })
            .ToList();
        return new DemoCentreRecords(centre.Id, members, badges, leases, bookings);
    }

    /// <summary>
    /// Dated every-centre tariffs: an office monthly rate raised on the 1st of January of the demo year, the
    /// copier page and the visio hour with monthly allowances.
    /// </summary>
    public static IReadOnlyList<TariffRequest> Tariffs(DateOnly day)
    {
        var thisYear = new DateOnly(day.Year, 1, 1);
        var twoYearsAgo = thisYear.AddYears(-2);
        return
        [
            new TariffRequest { Item = BillingItems.Office, EffectiveFrom = twoYearsAgo, UnitPriceCents = 32_000 },
            new TariffRequest { Item = BillingItems.Office, EffectiveFrom = thisYear, UnitPriceCents = 34_500 },
            new TariffRequest { Item = BillingItems.CopierPage, EffectiveFrom = twoYearsAgo, UnitPriceCents = 10, FreePerMonth = 50 },
            new TariffRequest { Item = BillingItems.VisioHour, EffectiveFrom = twoYearsAgo, UnitPriceCents = 1_500, FreePerMonth = 60 },
        ];
    }

    /// <summary>The rooms billed as visio rooms (<c>Hub:Billing:VisioRooms</c>, <c>site/zone</c>).</summary>
    public static IEnumerable<string> VisioRooms(IEnumerable<SiteConfiguration> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        return sites.SelectMany(s => s.Zones.Where(z => z.Kind == ZoneKind.VisioRoom).Select(z => $"{s.Id}/{z.Id}"));
    }

    /// <summary>First name and a family name (the terminal shows first names only).</summary>
    public static string DisplayName(DemoPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var family = FamilyNames[(uint)DemoCastGenerator.StableHash(person.MemberId) % (uint)FamilyNames.Length];
        return string.Create(CultureInfo.InvariantCulture, $"{person.FirstName} {family}");
    }

    private static Dictionary<string, DateOnly> LeaseStarts(DemoCentre centre) =>
        centre.People
            .Where(p => p.Role == DemoRole.Lessee && p.Office is not null)
            .Select((p, index) => (p.MemberId, Start: index == 0 ? centre.Day.AddMonths(-BilledLeaseMonths) : centre.Day.AddMonths(-3 - 2 * index)))
            .ToDictionary(x => x.MemberId, x => x.Start, StringComparer.Ordinal);
}
