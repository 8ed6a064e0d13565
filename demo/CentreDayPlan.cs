using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Demo;

/// <summary>
/// The scripted-but-randomised day of one centre (same seed, same day): staff open, arrivals over the
/// first two hours, lessees to their offices, a forced door before the open space unlocks, an expired badge,
/// the booked rooms, lunch out and back, departures before closing.
/// </summary>
public static class CentreDayPlan
{
    public static IReadOnlyList<DemoStep> Create(DemoCentre centre, int seed)
    {
        ArgumentNullException.ThrowIfNull(centre);
        var random = new Random(unchecked(seed * 17 + DemoCastGenerator.StableHash(centre.Id)));
        var hours = centre.Site.OpeningHours.For(centre.Day.DayOfWeek);
        var open = hours.Count > 0 ? hours[0].From : new TimeOnly(8, 0);
        var close = hours.Count > 0 ? hours[^1].To : new TimeOnly(19, 0);
        var steps = new List<DemoStep>();

        foreach (var (person, index) in centre.People.Where(p => p.Role == DemoRole.Staff).Select((p, i) => (p, i)))
        {
            // The first staff member opens up ten minutes before opening; a second one comes later in the morning.
            var at = open.AddMinutes(index == 0 ? -10 : random.Next(45, 120));
            steps.Add(new DemoStep(at, DemoMove.Arrive, person));
            steps.Add(new DemoStep(at.AddMinutes(1), DemoMove.ToOpenSpace, person));
            steps.Add(new DemoStep(Between(random, close.AddMinutes(-20), close.AddMinutes(5)), DemoMove.GoOut, person));
        }

        var openSpace = centre.Site.Zones.FirstOrDefault(z => z.Kind == ZoneKind.OpenSpace)?.Id;
        var pcs = centre.Site.Pcs.GroupBy(pc => pc.Zone, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Queue<string>(g.Select(pc => pc.Id)), StringComparer.Ordinal);
        var members = centre.People.Where(p => p.Role is DemoRole.Teleworker or DemoRole.Lessee)
            .Select(p => (Person: p, Arrival: open.AddMinutes(random.Next(2, LatestArrival(centre, p, open)))))
            .Select(m => (m.Person, m.Arrival, Pc: TakePc(pcs, m.Person.Office ?? openSpace)))
            .ToList();

        // The first teleworker in (at a PC, no room to hold) sees their PC freeze; the first other member in
        // prints and takes a coffee break: a short run already shows each kind of usage.
        var flaky = members.Where(m => m.Pc is not null && m.Person.Role == DemoRole.Teleworker && !Holds(centre, m.Person))
            .OrderBy(m => m.Arrival).Select(m => m.Person).FirstOrDefault();
        var early = members.Where(m => m.Person != flaky).OrderBy(m => m.Arrival).Select(m => m.Person).FirstOrDefault();

        foreach (var (person, arrival, pc) in members)
        {
            steps.Add(new DemoStep(arrival, DemoMove.Arrive, person));
            steps.Add(new DemoStep(arrival.AddMinutes(1), DemoMove.ToOpenSpace, person));
            if (person.Office is not null)
            {
                steps.Add(new DemoStep(arrival.AddMinutes(2), DemoMove.ToOffice, person, person.Office));
            }

            var seated = arrival.AddMinutes(3);
            LogOn(steps, seated, person, pc);
            if (person == flaky)
            {
                steps.Add(new DemoStep(seated.AddMinutes(20), DemoMove.PcFreezes, person, Pc: pc));
                steps.Add(new DemoStep(seated.AddMinutes(45), DemoMove.PcRestarts, person, Pc: pc));
                LogOn(steps, seated.AddMinutes(47), person, pc);
            }
            else if (pc is not null && arrival < new TimeOnly(10, 30) && (person == early || random.NextDouble() < 0.4))
            {
                var breakAt = seated.AddMinutes(random.Next(25, 45));
                steps.Add(new DemoStep(breakAt, DemoMove.LogOff, person, Pc: pc));
                LogOn(steps, breakAt.AddMinutes(15), person, pc);
            }

            if (person == early || random.NextDouble() < 0.3)
            {
                steps.Add(new DemoStep(seated.AddMinutes(random.Next(2, 15)), DemoMove.Print, person, Pages: random.Next(2, 25)));
            }

            var outAt = new TimeOnly(12, 0).AddMinutes(random.Next(0, 40));
            var back = InOpeningHours(hours, outAt.AddMinutes(random.Next(45, 80)), random);
            if (random.NextDouble() < 0.6 && !InRoom(centre, person, outAt, back))
            {
                LogOff(steps, outAt.AddMinutes(-1), person, pc);
                steps.Add(new DemoStep(outAt, DemoMove.GoOut, person));
                steps.Add(new DemoStep(back, DemoMove.Arrive, person));
                steps.Add(new DemoStep(back.AddMinutes(1), DemoMove.ToOpenSpace, person));
                if (person.Office is not null)
                {
                    steps.Add(new DemoStep(back.AddMinutes(2), DemoMove.ToOffice, person, person.Office));
                }

                LogOn(steps, back.AddMinutes(3), person, pc);
            }

            var leave = Between(random, Max(new TimeOnly(17, 0), close.AddMinutes(-90)), close.AddMinutes(-5));
            LogOff(steps, leave.AddMinutes(-1), person, pc);
            steps.Add(new DemoStep(leave, DemoMove.GoOut, person));
        }

        foreach (var booking in centre.Bookings.Where(b => b.Honoured))
        {
            // The holder badges in a few minutes early (check-in) and taps the room's reader again on leaving (badge-out).
            var holder = centre.People.First(p => p.MemberId == booking.MemberId);
            steps.Add(new DemoStep(Local(centre, booking.Start).AddMinutes(-random.Next(1, 6)), DemoMove.ToBookedRoom, holder, booking.Zone));
            steps.Add(new DemoStep(Local(centre, booking.End).AddMinutes(-random.Next(1, 6)), DemoMove.LeaveRoom, holder, booking.Zone));
        }

        foreach (var person in centre.People.Where(p => p.Role == DemoRole.Expired))
        {
            steps.Add(new DemoStep(open.AddMinutes(random.Next(20, 50)), DemoMove.ExpiredAttempt, person));
        }

        // Before the open space's morning unlock (08:30 at the earliest), someone pulls its door without badging.
        steps.Add(new DemoStep(new TimeOnly(8, 5).AddMinutes(random.Next(0, 20)), DemoMove.ForceDoor, null));

        return [.. steps.OrderBy(s => s.At)];
    }

    private static void LogOn(List<DemoStep> steps, TimeOnly at, DemoPerson person, string? pc)
    {
        if (pc is not null)
        {
            steps.Add(new DemoStep(at, DemoMove.LogOn, person, Pc: pc));
        }
    }

    private static void LogOff(List<DemoStep> steps, TimeOnly at, DemoPerson person, string? pc)
    {
        if (pc is not null)
        {
            steps.Add(new DemoStep(at, DemoMove.LogOff, person, Pc: pc));
        }
    }

    /// <summary>The next free PC of the zone, if any: each member works at their own PC all day.</summary>
    private static string? TakePc(Dictionary<string, Queue<string>> pcs, string? zone) =>
        zone is not null && pcs.TryGetValue(zone, out var free) && free.TryDequeue(out var pc) ? pc : null;

    private static bool Holds(DemoCentre centre, DemoPerson person) =>
        centre.Bookings.Any(b => b.Honoured && b.MemberId == person.MemberId);

    /// <summary>Exclusive upper bound of the arrival, in minutes after opening: holders come 15 minutes before their first room.</summary>
    private static int LatestArrival(DemoCentre centre, DemoPerson person, TimeOnly open)
    {
        var first = centre.Bookings.Where(b => b.Honoured && b.MemberId == person.MemberId).Select(b => Local(centre, b.Start)).DefaultIfEmpty(TimeOnly.MaxValue).Min();
        if (first == TimeOnly.MaxValue)
        {
            return 120;
        }

        return Math.Clamp((int)(first - open).TotalMinutes - 15, 3, 60);
    }

    private static bool InRoom(DemoCentre centre, DemoPerson person, TimeOnly from, TimeOnly to) =>
        centre.Bookings.Any(b => b.Honoured && b.MemberId == person.MemberId && Local(centre, b.Start) < to.AddMinutes(5) && Local(centre, b.End) > from.AddMinutes(-5));

    private static TimeOnly Local(DemoCentre centre, DateTimeOffset at) =>
        TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, centre.Site.TimeZone).DateTime);

    private static TimeOnly Between(Random random, TimeOnly from, TimeOnly to) =>
        to <= from ? from : from.AddMinutes(random.Next(0, (int)(to - from).TotalMinutes));

    private static TimeOnly Max(TimeOnly a, TimeOnly b) => a > b ? a : b;

    // Coming back from lunch during a midday closure (Chaudes-Aigues, Allanche) would be refused: wait for the reopening.
    private static TimeOnly InOpeningHours(IReadOnlyList<TimeRange> hours, TimeOnly at, Random random)
    {
        if (hours.Count == 0 || hours.Any(h => h.Contains(at)))
        {
            return at;
        }

        var next = hours.Where(h => h.From > at).Select(h => h.From).DefaultIfEmpty(at).First();
        return next.AddMinutes(random.Next(2, 12));
    }
}
