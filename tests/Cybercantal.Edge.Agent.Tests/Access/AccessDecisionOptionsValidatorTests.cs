using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Tests.Support;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Tests.Access;

/// <summary>The compile-time generated validator (AOT-safe) refuses each bad setting, naming it.</summary>
public sealed class AccessDecisionOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new AccessDecisionOptionsValidator().Validate(Options.DefaultName, new AccessDecisionOptions()).Succeeded);
    }

    [Theory]
    [InlineData("DatabasePath", "")]
    [InlineData("BookingGraceBefore", "02:00:01")]
    [InlineData("BookingGraceAfter", "-00:00:01")]
    public void Each_bad_setting_is_refused_naming_it(string setting, string value)
    {
        var failure = OptionsValidation.SingleFailure(new AccessDecisionOptionsValidator(), setting, value);

        Assert.StartsWith($"{setting}: ", failure, StringComparison.Ordinal);
        Assert.Contains($"AccessDecisionOptions.{setting}", failure, StringComparison.Ordinal);
    }
}
