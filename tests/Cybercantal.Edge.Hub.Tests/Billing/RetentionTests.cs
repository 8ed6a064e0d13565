using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Billing;
using Cybercantal.Edge.Hub.Retention;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Hub.Tests.Billing;

public sealed class RetentionTests
{
    private const string Site = "ydes";

    private static BillingWorld World()
    {
        var world = new BillingWorld(new DateTimeOffset(2026, 2, 2, 8, 0, 0, TimeSpan.Zero), "ydes/visio");
        world.Tariff(BillingItems.CopierPage, null, null, new DateOnly(2025, 1, 1), 8, free: 5);
        world.Tariff(BillingItems.VisioHour, null, null, new DateOnly(2025, 1, 1), 1800);
        for (var day = 1; day <= 28; day++)
        {
            var at = new DateTimeOffset(2026, 1, day, 9, 0, 0, TimeSpan.Zero);
            world.Access(Site, "anne", at);
            world.Copier(Site, "anne", at, "c1", day);
            world.Room(Site, "paul", at, "visio", day * 3);
        }

        world.Copier(Site, "anne", new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero), "c1", 9);
        return world;
    }

    [Fact]
    public void Statements_are_identical_before_and_after_the_raw_rows_are_deleted()
    {
        using var world = World();
        var before = world.Close(2026, 1);
        var csvBefore = StatementCsv.Bytes(before);
        Assert.NotEmpty(before);

        world.Time.SetUtcNow(new DateTimeOffset(2026, 5, 10, 3, 0, 0, TimeSpan.Zero));
        var run = world.Retention.Run();
        Assert.Equal(new DateTimeOffset(2026, 2, 10, 3, 0, 0, TimeSpan.Zero), run.Cutoff);
        Assert.Equal(28 * 3 + 1, run.Deleted);
        Assert.Equal(["2026-02"], run.MonthsClosed); // January was already aggregated with all its rows
        Assert.Equal(0, world.JournalRows());

        var after = world.Close(2026, 1);
        Assert.Equal(before, after);
        Assert.Equal(csvBefore, StatementCsv.Bytes(after));
        var result = world.Billing.CloseMonth(ApiCaller.System, new BillingMonth(2026, 1));
        Assert.False(result.FromRawRecords);
        Assert.Equal(9 - 5, Assert.Single(world.Billing.Lines(ApiCaller.System, new BillingMonth(2026, 2), null)).QuantityNumerator);
    }

    [Fact]
    public void A_month_is_aggregated_before_its_rows_are_deleted_and_late_rows_are_aggregated_again()
    {
        using var world = World();
        world.Close(2026, 1);
        world.Time.SetUtcNow(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        // A gateway back online delivers a January record after January was closed.
        world.Copier(Site, "anne", new DateTimeOffset(2026, 1, 30, 9, 0, 0, TimeSpan.Zero), "c1", 100);
        world.Time.SetUtcNow(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var run = world.Retention.Run();
        // January had a late row; February's first Paris hour (before the 1 February 00:00 UTC cutoff) goes too, so it is closed first.
        Assert.Equal(["2026-01", "2026-02"], run.MonthsClosed);
        var january = world.Billing.Lines(ApiCaller.System, new BillingMonth(2026, 1), null).Single(l => l.Item == BillingItems.CopierPage);
        Assert.Equal((28 * 29 / 2) + 100 - 5, january.QuantityNumerator);
        Assert.Equal(1, world.JournalRows()); // the 1 February 09:00 UTC row is not yet 3 months old
    }

    [Fact]
    public void Nothing_recent_is_deleted()
    {
        using var world = World();
        world.Time.SetUtcNow(new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero));
        var run = world.Retention.Run();
        Assert.Equal(0, run.Deleted);
        Assert.Empty(run.MonthsClosed);
        Assert.Equal(28 * 3 + 1, world.JournalRows());
    }

    [Fact]
    public async Task The_hosted_run_repeats_on_the_injected_clock()
    {
        using var world = World();
        world.Options.Value.RetentionStartDelay = TimeSpan.FromMinutes(10);
        using var worker = new RetentionWorker(world.Retention, world.Time, world.Options, NullLogger<RetentionWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        Assert.Equal(0, worker.Runs);
        world.Time.Advance(TimeSpan.FromMinutes(10));
        await WaitForRuns(worker, 1);
        world.Time.Advance(TimeSpan.FromDays(1));
        await WaitForRuns(worker, 2);
        await worker.StopAsync(CancellationToken.None);
    }

    private static async Task WaitForRuns(RetentionWorker worker, int runs)
    {
        // The run completes on a thread-pool continuation of the fake timer; wait for it, bounded.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (worker.Runs < runs && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        Assert.Equal(runs, worker.Runs);
    }
}
