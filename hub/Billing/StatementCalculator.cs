namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// Turns one member's month at one centre (leases, daily usage aggregates) into statement lines, with the
/// tariffs in force day by day. Pure: same inputs, same lines. Open space (PC sessions), trainings and
/// meeting rooms are free and never produce a line; a resource without a tariff is not billed.
/// </summary>
public sealed class StatementCalculator
{
    private readonly TariffBook _tariffs;
    private readonly int _vatBasisPoints;
    private readonly IReadOnlySet<string> _visioRooms;

    /// <param name="visioRooms">Rooms billed as visio, as <c>site/room</c>.</param>
    public StatementCalculator(TariffBook tariffs, int vatBasisPoints, IReadOnlySet<string> visioRooms)
    {
        _tariffs = tariffs;
        _vatBasisPoints = vatBasisPoints;
        _visioRooms = visioRooms;
    }

    public IReadOnlyList<StatementLine> Lines(BillingMonth month, string site, string member, IEnumerable<LeasePeriod> leases, IEnumerable<DailyUsage> usage)
    {
        var lines = new List<StatementLine>();
        foreach (var lease in leases.OrderBy(l => l.Start).ThenBy(l => l.Zone, StringComparer.Ordinal))
        {
            Office(lines, month, site, member, lease);
        }

        var used = usage.ToList();
        Metered(lines, month, site, member, BillingItems.CopierPage, 1,
            used.Where(u => u.Measure == UsageMeasures.CopierPages));
        Metered(lines, month, site, member, BillingItems.VisioHour, 60,
            used.Where(u => u.Measure == UsageMeasures.RoomMinutes && _visioRooms.Contains(site + "/" + u.Resource)));
        return lines;
    }

    private void Office(List<StatementLine> lines, BillingMonth month, string site, string member, LeasePeriod lease)
    {
        var from = Max(LeaseFreeYear.FirstBillableDay(lease.Start), month.FirstDay);
        var to = lease.End is { } end ? Min(end, month.LastDay) : month.LastDay;
        Tariff? current = null;
        var segmentStart = from;
        var days = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var tariff = _tariffs.Find(BillingItems.Office, site, lease.Zone, day);
            if (tariff != current)
            {
                Flush();
                current = tariff;
                segmentStart = day;
            }

            days++;
        }

        Flush();

        void Flush()
        {
            if (current is not null && days > 0)
            {
                var amount = Money.DivideRounded(checked(current.UnitPriceCents * days), month.Days);
                lines.Add(Line(month, site, member, BillingItems.Office, lease.Zone, segmentStart, segmentStart.AddDays(days - 1), days, month.Days, current.UnitPriceCents, amount));
            }

            days = 0;
        }
    }

    private void Metered(List<StatementLine> lines, BillingMonth month, string site, string member, string item, long unitDenominator, IEnumerable<DailyUsage> usage)
    {
        long? free = null;
        var segments = new Dictionary<long, (Tariff Tariff, DateOnly From, DateOnly To, long Quantity)>();
        var order = new List<long>();
        foreach (var day in usage.OrderBy(u => u.Day).ThenBy(u => u.Resource, StringComparer.Ordinal))
        {
            if (_tariffs.Find(item, site, day.Resource, day.Day) is not { } tariff)
            {
                continue;
            }

            // The allowance is that of the tariff in force for the month's first priced usage, consumed in day order.
            free ??= tariff.FreePerMonth;
            var freeNow = Math.Min(free.Value, day.Quantity);
            free -= freeNow;
            var billable = day.Quantity - freeNow;
            if (billable == 0)
            {
                continue;
            }

            if (segments.TryGetValue(tariff.Id, out var segment))
            {
                segments[tariff.Id] = (tariff, Min(segment.From, day.Day), Max(segment.To, day.Day), segment.Quantity + billable);
            }
            else
            {
                segments[tariff.Id] = (tariff, day.Day, day.Day, billable);
                order.Add(tariff.Id);
            }
        }

        foreach (var id in order)
        {
            var (tariff, from, to, quantity) = segments[id];
            var amount = Money.DivideRounded(checked(quantity * tariff.UnitPriceCents), unitDenominator);
            lines.Add(Line(month, site, member, item, null, from, to, quantity, unitDenominator, tariff.UnitPriceCents, amount));
        }
    }

    private StatementLine Line(BillingMonth month, string site, string member, string item, string? resource, DateOnly from, DateOnly to,
        long numerator, long denominator, long unitPrice, long amount)
    {
        var vat = Money.Vat(amount, _vatBasisPoints);
        return new StatementLine(month.ToString(), site, member, BillingItems.Position(item), item, resource, from, to,
            numerator, denominator, BillingItems.Unit(item), unitPrice, amount, _vatBasisPoints, vat, amount + vat);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
