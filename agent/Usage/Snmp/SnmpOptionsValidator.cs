using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>Rejects invalid SNMP settings, or an unreadable community file, at host start.</summary>
internal sealed class SnmpOptionsValidator : IValidateOptions<SnmpOptions>
{
    public ValidateOptionsResult Validate(string? name, SnmpOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
