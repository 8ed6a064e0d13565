using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>Rejects invalid PN532 timings at host start, naming the setting.</summary>
internal sealed class Pn532ReaderOptionsValidator : IValidateOptions<Pn532ReaderOptions>
{
    public ValidateOptionsResult Validate(string? name, Pn532ReaderOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
