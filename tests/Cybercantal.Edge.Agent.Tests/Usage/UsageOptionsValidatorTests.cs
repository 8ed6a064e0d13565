using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Agent.Tests.Support;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Tests.Usage;

/// <summary>The compile-time generated validator (AOT-safe) refuses each bad setting, naming it.</summary>
public sealed class UsageOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new UsageOptionsValidator().Validate(Options.DefaultName, new UsageOptions()).Succeeded);
    }

    [Theory]
    [InlineData("PcProbePort", "0")]
    [InlineData("PcProbeInterval", "00:00:00")]
    [InlineData("PcProbeTimeout", "00:00:00.050")]
    [InlineData("PcSilentChecks", "0")]
    [InlineData("CopierCheckInterval", "00:11:00")]
    [InlineData("CopierIdleTimeout", "00:00:05")]
    [InlineData("CopierMaxDuration", "13:00:00")]
    [InlineData("CopierMaxPlausiblePages", "0")]
    [InlineData("RoomScanInterval", "00:00:00")]
    [InlineData("RoomNoShowAfter", "-00:01:00")]
    [InlineData("RoomOccupancyTimeout", "1.00:00:01")]
    [InlineData("SeatMaxDuration", "00:09:00")]
    public void Each_bad_setting_is_refused_naming_it(string setting, string value)
    {
        var failure = OptionsValidation.SingleFailure(new UsageOptionsValidator(), setting, value);

        Assert.StartsWith($"{setting}: ", failure, StringComparison.Ordinal);
        Assert.Contains($"UsageOptions.{setting}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_span_out_of_range_names_the_setting_and_its_bounds()
    {
        var result = new UsageOptionsValidator().Validate(Options.DefaultName, new UsageOptions { RoomNoShowAfter = TimeSpan.FromMinutes(-1) });

        Assert.Equal("RoomNoShowAfter: The field UsageOptions.RoomNoShowAfter must be between 00:01:00 and 02:00:00.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void The_bounds_themselves_are_valid()
    {
        var options = new UsageOptions { RoomOccupancyTimeout = TimeSpan.FromHours(24), SeatMaxDuration = TimeSpan.FromMinutes(10), PcProbeTimeout = TimeSpan.FromMilliseconds(100) };

        Assert.True(new UsageOptionsValidator().Validate(Options.DefaultName, options).Succeeded);
    }
}
