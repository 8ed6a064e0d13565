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

        foreach (var person in centre.People.Where(p => p.Role is DemoRole.Teleworker or DemoRole.Lessee))
        {
            // Booking holders come early enough to be in before their room.
            var arrival = open.AddMinutes(random.Next(2, centre.Bookings.Any(b => b.MemberId == person.MemberId) ? 60 : 120));
            steps.Add(new DemoStep(arrival, DemoMove.Arrive, person));
            steps.Add(new DemoStep(arrival.AddMinutes(1), DemoMove.ToOpenSpace, person));
            if (person.Office is not null)
            {
                steps.Add(new DemoStep(arrival.AddMinutes(2), DemoMove.ToOffice, person, person.Office));
            }

            if (random.NextDouble() < 0.6)
            {
                var outAt = new TimeOnly(12, 0).AddMinutes(random.Next(0, 40));
                steps.Add(new DemoStep(outAt, DemoMove.GoOut, person));
                var back = InOpeningHours(hours, outAt.AddMinutes(random.Next(45, 80)), random);
                steps.Add(new DemoStep(back, DemoMove.Arrive, person));
                steps.Add(new DemoStep(back.AddMinutes(1), DemoMove.ToOpenSpace, person));
                if (person.Office is not null)
                {
                    steps.Add(new DemoStep(back.AddMinutes(2), DemoMove.ToOffice, person, person.Office));
                }
            }

            steps.Add(new DemoStep(Between(random, Max(new TimeOnly(17, 0), close.AddMinutes(-90)), close.AddMinutes(-5)), DemoMove.GoOut, person));
        }

        foreach (var booking in centre.Bookings)
        {
            var holder = centre.People.First(p => p.MemberId == booking.MemberId);
            var local = TimeZoneInfo.ConvertTime(booking.Start, centre.Site.TimeZone);
            steps.Add(new DemoStep(TimeOnly.FromDateTime(local.DateTime).AddMinutes(-random.Next(1, 6)), DemoMove.ToBookedRoom, holder, booking.Zone));
        }

        foreach (var person in centre.People.Where(p => p.Role == DemoRole.Expired))
        {
            steps.Add(new DemoStep(open.AddMinutes(random.Next(20, 50)), DemoMove.ExpiredAttempt, person));
        }

        // Before the open space's morning unlock (08:30 at the earliest), someone pulls its door without badging.
        steps.Add(new DemoStep(new TimeOnly(8, 5).AddMinutes(random.Next(0, 20)), DemoMove.ForceDoor, null));

        return [.. steps.OrderBy(s => s.At)];
    }

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
