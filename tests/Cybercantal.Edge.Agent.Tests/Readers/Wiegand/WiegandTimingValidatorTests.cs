using Cybercantal.Edge.Agent.Readers.Wiegand;
using Cybercantal.Edge.Agent.Tests.Support;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Tests.Readers.Wiegand;

/// <summary>The compile-time generated validator (AOT-safe) refuses each bad setting, naming it.</summary>
public sealed class WiegandTimingValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new WiegandTimingValidator().Validate(Options.DefaultName, new WiegandTiming()).Succeeded);
    }

    [Theory]
    [InlineData("FrameGap", "00:00:00.004")]
    [InlineData("MinimumEdgeSpacing", "00:00:00.002")]
    [InlineData("MinimumFrameBits", "27")]
    [InlineData("MaximumFrameBits", "37")]
    [InlineData("ReopenDelay", "00:00:00.500")]
    [InlineData("FaultLogQuietPeriod", "02:00:00")]
    public void Each_bad_setting_is_refused_naming_it(string setting, string value)
    {
        var failure = OptionsValidation.SingleFailure(new WiegandTimingValidator(), setting, value);

        Assert.StartsWith($"{setting}: ", failure, StringComparison.Ordinal);
        Assert.Contains($"WiegandTiming.{setting}", failure, StringComparison.Ordinal);
    }
}
