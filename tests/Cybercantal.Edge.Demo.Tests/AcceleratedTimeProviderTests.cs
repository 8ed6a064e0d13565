using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Demo.Tests;

public sealed class AcceleratedTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 6, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Wall_clock_and_timestamps_run_speed_times_faster_from_the_start()
    {
        var real = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new AcceleratedTimeProvider(Start, 60, real);
        var mark = clock.GetTimestamp();

        real.Advance(TimeSpan.FromSeconds(12));

        Assert.Equal(Start + TimeSpan.FromMinutes(12), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(12), clock.GetElapsedTime(mark));
    }

    [Fact]
    public void A_timer_never_fires_before_its_accelerated_due_time()
    {
        var real = new FakeTimeProvider(Start);
        var clock = new AcceleratedTimeProvider(Start, 600, real);
        var firedAt = TimeSpan.MinValue;
        using var timer = clock.CreateTimer(_ => firedAt = clock.GetUtcNow() - Start, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        // 50 ms of site time is 0.083 ms of real time: the real timer is rounded up, not down to zero.
        timer.Change(TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);
        real.Advance(TimeSpan.FromTicks(500));
        Assert.Equal(TimeSpan.MinValue, firedAt);
        real.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(firedAt >= TimeSpan.FromMilliseconds(50), $"fired at {firedAt}");
    }

    [Fact]
    public async Task Delays_on_the_accelerated_clock_take_a_speedth_of_the_real_time()
    {
        var real = new FakeTimeProvider(Start);
        var clock = new AcceleratedTimeProvider(Start, 60, real);

        var delay = Task.Delay(TimeSpan.FromMinutes(1), clock);
        real.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(delay.IsCompleted);
        real.Advance(TimeSpan.FromMilliseconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Refuses_a_speed_below_one_or_not_finite(double speed) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AcceleratedTimeProvider(Start, speed));
}
