using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Tests.Support;

/// <summary>Binds one setting onto default options, validates them and returns the single failure it causes.</summary>
internal static class OptionsValidation
{
    public static string SingleFailure<TOptions>(IValidateOptions<TOptions> validator, string setting, string value)
        where TOptions : class, new()
    {
        var options = new TOptions();
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value }).Build().Bind(options);

        var result = validator.Validate(Options.DefaultName, options);

        Assert.True(result.Failed, $"{setting}={value} was accepted");
        return Assert.Single(result.Failures!);
    }
}
