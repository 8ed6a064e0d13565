using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Tests.Support;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Tests.Gpio;

/// <summary>The compile-time generated validator (AOT-safe) refuses each bad setting, naming it.</summary>
public sealed class GpioOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new GpioOptionsValidator().Validate(Options.DefaultName, new GpioOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Driver", "sysfs")]
    [InlineData("Chip", "64")]
    public void Each_bad_setting_is_refused_naming_it(string setting, string value)
    {
        var failure = OptionsValidation.SingleFailure(new GpioOptionsValidator(), setting, value);

        Assert.StartsWith($"{setting}: ", failure, StringComparison.Ordinal);
        Assert.Contains($"GpioOptions.{setting}", failure, StringComparison.Ordinal);
    }
}
