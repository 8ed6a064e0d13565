using System.Globalization;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Demo;

/// <summary>
/// Invents a plausible population for one centre, the same for the same seed: one or two staff, about ten
/// teleworkers, one or two lessees per private office, one former member, a visio and a meeting booking
/// on the demo day. Fictional people with French first names.
/// </summary>
public static class DemoCastGenerator
{
    /// <summary>
    /// The centre whose morning also has an early visio booking nobody comes to (a no-show, released after
    /// 10 minutes) and an early meeting that is held, so a short run already shows both.
    /// </summary>
    public const string ShowcaseCentre = "saint-flour";

    private static readonly string[] FirstNames =
    [
        "Amélie", "Baptiste", "Camille", "Damien", "Élodie", "Fabien", "Gaëlle", "Hugo", "Inès", "Julien",
        "Léa", "Mathieu", "Nathalie", "Olivier", "Pauline", "Quentin", "Romain", "Sophie", "Thomas", "Valérie",
        "Yann", "Zoé", "Chloé", "Antoine", "Margaux", "Lucas", "Manon", "Nicolas", "Sandrine", "Guillaume",
        "Aurélie", "Bastien", "Céline", "Delphine", "Émilie", "Florian", "Jérôme", "Laetitia", "Marion", "Sébastien",
    ];

    public static DemoCentre Create(SiteConfiguration site, DateOnly day, int seed)
    {
        ArgumentNullException.ThrowIfNull(site);
        var random = new Random(unchecked(seed * 31 + StableHash(site.Id)));
        var names = new Queue<string>(FirstNames.OrderBy(_ => random.Next()));
        var prefix = Prefix(site.Id);
        var usedBadges = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var people = new List<DemoPerson>();
        var offices = site.Zones.Where(z => z.Kind == ZoneKind.PrivateOffice).Select(z => z.Id).ToList();

        DemoPerson Person(string id, DemoRole role, string? office)
        {
            var badges = new List<Credential> { NewBadge(random, usedBadges, "nfc"), NewBadge(random, usedBadges, "wiegand26") };
            if (role is DemoRole.Lessee or DemoRole.Staff)
            {
                // Some office doors only take the 34-bit fobs the leasing companies hand out.
                badges.Add(NewBadge(random, usedBadges, "wiegand34"));
            }

            return new DemoPerson(id, names.Dequeue(), role, badges, office);
        }

        var staffCount = random.Next(1, 3);
        for (var i = 1; i <= staffCount; i++)
        {
            people.Add(Person($"{prefix}-STAFF-{i}", DemoRole.Staff, null));
        }

        var number = 1;
        foreach (var office in offices)
        {
            var lessees = random.Next(1, 3);
            for (var i = 0; i < lessees; i++)
            {
                people.Add(Person(MemberId(prefix, number++), DemoRole.Lessee, office));
            }
        }

        var teleworkers = random.Next(9, 12);
        for (var i = 0; i < teleworkers; i++)
        {
            people.Add(Person(MemberId(prefix, number++), DemoRole.Teleworker, null));
        }

        people.Add(Person(MemberId(prefix, number), DemoRole.Expired, null));

        var bookings = new List<DemoBooking>();
        var pool = people.Where(p => p.Role == DemoRole.Teleworker).ToList();
        if (site.Zones.FirstOrDefault(z => z.Kind == ZoneKind.VisioRoom) is { } visio && pool.Count > 0)
        {
            // Mid-morning, on a half hour between 10:00 and 11:30.
            var start = new TimeOnly(10, 0).AddMinutes(30 * random.Next(0, 4));
            bookings.Add(Booking(site, day, pool[random.Next(pool.Count)].MemberId, visio.Id, start, TimeSpan.FromHours(1)));
        }

        if (site.Zones.FirstOrDefault(z => z.Kind == ZoneKind.MeetingRoom) is { } meeting && pool.Count > 1)
        {
            var holder = pool.Where(p => bookings.All(b => b.MemberId != p.MemberId)).ElementAt(random.Next(pool.Count - 1));
            var start = new TimeOnly(14, 0).AddMinutes(30 * random.Next(0, 4));
            bookings.Add(Booking(site, day, holder.MemberId, meeting.Id, start, TimeSpan.FromMinutes(90)));
        }

        if (site.Id == ShowcaseCentre)
        {
            // Drawn after the day's usual bookings, so those stay what they were for the same seed.
            var free = pool.Where(p => bookings.All(b => b.MemberId != p.MemberId)).OrderBy(_ => random.Next()).ToList();
            var visioRoom = site.Zones.FirstOrDefault(z => z.Kind == ZoneKind.VisioRoom);
            var meetingRoom = site.Zones.FirstOrDefault(z => z.Kind == ZoneKind.MeetingRoom);
            if (visioRoom is not null && free.Count > 0)
            {
                bookings.Add(Booking(site, day, free[0].MemberId, visioRoom.Id, new TimeOnly(8, 30), TimeSpan.FromMinutes(30)) with { Honoured = false });
            }

            if (meetingRoom is not null && free.Count > 1)
            {
                bookings.Add(Booking(site, day, free[1].MemberId, meetingRoom.Id, new TimeOnly(9, 0), TimeSpan.FromMinutes(30)));
            }
        }

        return new DemoCentre(site, day, people, bookings);
    }

    /// <summary>A deterministic string hash (string.GetHashCode changes at every process start).</summary>
    internal static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return unchecked((int)hash);
    }

    // saint-flour -> SF, chaudes-aigues -> CA, murat -> MU.
    private static string Prefix(string siteId)
    {
        var parts = siteId.Split('-', StringSplitOptions.RemoveEmptyEntries);
        var text = parts.Length > 1 ? string.Concat(parts.Select(p => p[0])) : siteId[..Math.Min(2, siteId.Length)];
        return text.ToUpperInvariant();
    }

    private static string MemberId(string prefix, int number) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{number:000}");

    private static DemoBooking Booking(SiteConfiguration site, DateOnly day, string member, string zone, TimeOnly start, TimeSpan length)
    {
        var local = day.ToDateTime(start);
        var at = new DateTimeOffset(local, site.TimeZone.GetUtcOffset(local));
        return new DemoBooking(member, zone, at, at + length);
    }

    private static Credential NewBadge(Random random, HashSet<string> used, string kind)
    {
        while (true)
        {
            var text = kind switch
            {
                "nfc" => "nfc:04" + Convert.ToHexString(RandomBytes(random, 6)),
                "wiegand26" => string.Create(CultureInfo.InvariantCulture, $"wiegand26:{random.Next(1, 256)}:{random.Next(1, 65536)}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"wiegand34:{random.Next(1, 65536)}:{random.Next(1, 65536)}"),
            };
            var credential = Credential.Parse(text);
            if (used.Add(credential.ToString()))
            {
                return credential;
            }
        }
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
