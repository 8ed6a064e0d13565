using Cybercantal.Edge.Hub.Billing;

namespace Cybercantal.Edge.Hub.Tests.Billing;

public sealed class DstMonthTests
{
    private const string Site = "murat";

    [Fact]
    public void Month_boundaries_are_Paris_midnights_across_DST()
    {
        Assert.Equal(DateTimeOffset.Parse("2026-02-28T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture), new BillingMonth(2026, 3).StartUtc);
        Assert.Equal(DateTimeOffset.Parse("2026-03-31T22:00:00Z", System.Globalization.CultureInfo.InvariantCulture), new BillingMonth(2026, 3).EndUtc);
        Assert.Equal(DateTimeOffset.Parse("2026-09-30T22:00:00Z", System.Globalization.CultureInfo.InvariantCulture), new BillingMonth(2026, 10).StartUtc);
        Assert.Equal(DateTimeOffset.Parse("2026-10-31T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture), new BillingMonth(2026, 10).EndUtc);
    }

    [Fact]
    public void Visio_minutes_around_the_DST_changes_stay_in_their_month_and_keep_their_length()
    {
        using var world = new BillingWorld(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "murat/visio");
        world.Tariff(BillingItems.VisioHour, null, null, new DateOnly(2026, 1, 1), 1200);
        void Visio(string utc, int minutes) => world.Room(Site, "anne", DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), "visio", minutes);

        Visio("2026-03-01T00:30:00Z", 60); // 01:30 CET 1 March: March, not February
        Visio("2026-03-29T02:30:00Z", 120); // 04:30 CEST, spans the skipped hour: 120 measured minutes
        Visio("2026-03-31T21:59:59Z", 30); // 23:59:59 CEST 31 March: March
        Visio("2026-03-31T22:00:00Z", 45); // 00:00 CEST 1 April: April
        Visio("2026-10-25T01:30:00Z", 120); // 02:30 CET after the repeated hour
        Visio("2026-10-25T00:30:00Z", 60); // 02:30 CEST, first pass of the repeated hour
        Visio("2026-10-31T22:59:00Z", 15); // 23:59 CET 31 October: October
        Visio("2026-10-31T23:00:00Z", 20); // 00:00 CET 1 November: November

        Assert.Equal(60 + 120 + 30, world.Close(2026, 3).Sum(l => l.QuantityNumerator));
        Assert.Equal(45, world.Close(2026, 4).Sum(l => l.QuantityNumerator));
        var october = Assert.Single(world.Close(2026, 10));
        Assert.Equal((195L, 60L, 3900L), (october.QuantityNumerator, october.QuantityDenominator, october.AmountExclCents));
        Assert.Equal(20, world.Close(2026, 11).Sum(l => l.QuantityNumerator));
        Assert.Equal(
            [(new DateOnly(2026, 10, 25), 180L), (new DateOnly(2026, 10, 31), 15L)],
            world.Billing.Aggregates(new BillingMonth(2026, 10)).OrderBy(u => u.Day).Select(u => (u.Day, u.Quantity)));
        Assert.Equal(new DateOnly(2026, 3, 1), world.Billing.Aggregates(new BillingMonth(2026, 3)).Min(u => u.Day));
    }
}
