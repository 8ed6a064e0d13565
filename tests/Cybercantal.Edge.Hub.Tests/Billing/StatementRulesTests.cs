using Cybercantal.Edge.Hub.Billing;

namespace Cybercantal.Edge.Hub.Tests.Billing;

public sealed class StatementRulesTests
{
    private const string Site = "saint-flour";

    private static DateTimeOffset Paris(int y, int m, int d, int h = 12) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(1));

    private static DateOnly Day(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Open_space_trainings_and_meeting_rooms_are_free()
    {
        using var world = new BillingWorld(Paris(2027, 1, 1), "saint-flour/visio");
        world.Tariff(BillingItems.VisioHour, null, null, Day(2020, 1, 1), 3000);
        world.Access(Site, "anne", Paris(2026, 11, 3));
        world.Pc(Site, "anne", Paris(2026, 11, 3), "pc-1", 480);
        world.Room(Site, "anne", Paris(2026, 11, 4), "formation", 180);
        world.NoShow(Site, "anne", Paris(2026, 11, 5), "visio");
        Assert.Empty(world.Close(2026, 11));
        Assert.Contains(world.Billing.Aggregates(new BillingMonth(2026, 11)), u => u.Measure == UsageMeasures.PcMinutes && u.Quantity == 480);
    }

    [Fact]
    public void A_lease_from_the_31st_is_free_until_the_30th_of_the_same_month_a_year_later()
    {
        using var world = new BillingWorld(Paris(2027, 3, 1), "saint-flour/visio");
        world.Tariff(BillingItems.Office, Site, "bureau-2", Day(2025, 1, 1), 8000);
        world.Lease("anne", Site, "bureau-2", Day(2026, 1, 31));
        Assert.Empty(world.Close(2026, 1));
        Assert.Empty(world.Close(2026, 12));
        var january = Assert.Single(world.Close(2027, 1));
        Assert.Equal((Day(2027, 1, 31), Day(2027, 1, 31), 1L, 31L), (january.From, january.To, january.QuantityNumerator, january.QuantityDenominator));
        Assert.Equal(258, january.AmountExclCents); // 8000 / 31 = 258.06
        Assert.Equal(52, january.VatCents); // 51.6
        Assert.Equal(310, january.AmountInclCents);
        var february = Assert.Single(world.Close(2027, 2));
        Assert.Equal((8000L, 1600L, 9600L), (february.AmountExclCents, february.VatCents, february.AmountInclCents));
    }

    [Theory]
    [InlineData(2028)]
    [InlineData(2024)]
    public void A_lease_from_29_February_is_free_through_28_February_and_billed_from_1_March(int year)
    {
        using var world = new BillingWorld(Paris(year + 2, 1, 1));
        world.Tariff(BillingItems.Office, Site, null, Day(2020, 1, 1), 6000);
        world.Lease("anne", Site, "bureau-1", Day(year, 2, 29));
        Assert.Empty(world.Close(year, 2));
        Assert.Empty(world.Close(year + 1, 2));
        var march = Assert.Single(world.Close(year + 1, 3));
        Assert.Equal((Day(year + 1, 3, 1), Day(year + 1, 3, 31), 6000L), (march.From, march.To, march.AmountExclCents));
    }

    [Fact]
    public void A_lease_ending_mid_month_is_billed_pro_rata_and_an_office_price_change_splits_the_month()
    {
        using var world = new BillingWorld(Paris(2028, 1, 1));
        world.Tariff(BillingItems.Office, Site, "bureau-1", Day(2025, 1, 1), 5000);
        world.Tariff(BillingItems.Office, Site, "bureau-1", Day(2027, 4, 16), 6000);
        world.Lease("anne", Site, "bureau-1", Day(2026, 1, 1), Day(2027, 6, 10));
        var april = world.Close(2027, 4);
        Assert.Equal([(15L, 2500L), (15L, 3000L)], april.Select(l => (l.QuantityNumerator, l.AmountExclCents)));
        var june = Assert.Single(world.Close(2027, 6));
        Assert.Equal((10L, 30L, 2000L), (june.QuantityNumerator, june.QuantityDenominator, june.AmountExclCents));
        Assert.Empty(world.Close(2027, 7));
    }

    [Fact]
    public void A_copier_price_change_mid_month_applies_from_its_date()
    {
        using var world = new BillingWorld(Paris(2026, 6, 1));
        world.Tariff(BillingItems.CopierPage, null, null, Day(2026, 1, 1), 10);
        world.Tariff(BillingItems.CopierPage, Site, null, Day(2026, 3, 16), 15);
        world.Copier(Site, "anne", Paris(2026, 3, 10), "c1", 100);
        world.Copier(Site, "anne", Paris(2026, 3, 15, 23), "c1", 1); // 23:00 Paris, still the 15th
        world.Copier(Site, "anne", Paris(2026, 3, 20), "c1", 50);
        world.Copier("murat", "anne", Paris(2026, 3, 20), "c9", 7);
        var lines = world.Close(2026, 3);
        Assert.Equal(
            [("murat", 7L, 10L, 70L), (Site, 101L, 10L, 1010L), (Site, 50L, 15L, 750L)],
            lines.Select(l => (l.Site, l.QuantityNumerator, l.UnitPriceCents, l.AmountExclCents)));
    }

    [Fact]
    public void Free_allowances_are_consumed_in_day_order_then_billed()
    {
        using var world = new BillingWorld(Paris(2026, 6, 1), "saint-flour/visio");
        world.Tariff(BillingItems.CopierPage, Site, null, Day(2026, 1, 1), 10, free: 100);
        world.Tariff(BillingItems.VisioHour, Site, null, Day(2026, 1, 1), 3000, free: 60);
        world.Copier(Site, "anne", Paris(2026, 4, 3), "c1", 60);
        world.Copier(Site, "anne", Paris(2026, 4, 5), "c1", 60);
        world.CopierUnmeasured(Site, "anne", Paris(2026, 4, 6), "c1");
        world.Room(Site, "anne", Paris(2026, 4, 7), "visio", 150);
        world.Copier(Site, "paul", Paris(2026, 4, 3), "c1", 99);
        var lines = world.Close(2026, 4);
        Assert.Equal(
            [("anne", BillingItems.CopierPage, 20L, 1L, 200L, new DateOnly(2026, 4, 5)), ("anne", BillingItems.VisioHour, 90L, 60L, 4500L, new DateOnly(2026, 4, 7))],
            lines.Select(l => (l.Member, l.Item, l.QuantityNumerator, l.QuantityDenominator, l.AmountExclCents, l.From)));
        Assert.Empty(world.Close(2026, 5)); // the allowance is per month; May has no usage
    }

    [Fact]
    public void Malformed_or_memberless_records_are_skipped_and_counted()
    {
        using var world = new BillingWorld(Paris(2026, 6, 1));
        world.Tariff(BillingItems.CopierPage, null, null, Day(2026, 1, 1), 10);
        world.Usage(Site, "anne", UsageRecordKinds.CopierSessionEnded, Paris(2026, 2, 3), "reason=badge-out;pages=lots", "c1");
        world.Usage(Site, "anne", UsageRecordKinds.CopierSessionEnded, Paris(2026, 2, 3), null);
        world.Copier(Site, null, Paris(2026, 2, 3), "c1", 4);
        world.Copier(Site, "anne", Paris(2026, 2, 3), "c1", 4);
        var result = world.Billing.CloseMonth(Cybercantal.Edge.Hub.Admin.ApiCaller.System, new BillingMonth(2026, 2));
        Assert.Equal((4L, 2L, 1L, 1), (result.Records, result.Skipped, result.WithoutMember, result.Lines));
    }

    [Fact]
    public void A_month_not_over_cannot_be_closed()
    {
        using var world = new BillingWorld(Paris(2026, 6, 30, 20)); // 21:00 CEST, June not over
        var refused = Assert.Throws<Cybercantal.Edge.Hub.Admin.AdminException>(() => world.Close(2026, 6));
        Assert.Equal(409, refused.Status);
    }
}
