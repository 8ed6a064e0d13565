using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Hub.Billing;

/// <summary>Refuses to start on billing settings that cannot work, naming the setting at fault.</summary>
internal sealed class BillingOptionsValidator : IValidateOptions<BillingOptions>
{
    public ValidateOptionsResult Validate(string? name, BillingOptions options)
    {
        var failures = new List<string>();
        if (options.VatBasisPoints is < 0 or > 10_000)
        {
            failures.Add($"Hub:Billing:VatBasisPoints {options.VatBasisPoints} is not between 0 and 10000 (2000 = 20 %).");
        }

        if (options.RetentionMonths is < 1 or > 120)
        {
            failures.Add($"Hub:Billing:RetentionMonths {options.RetentionMonths} is not between 1 and 120.");
        }

        if (options.RetentionInterval < TimeSpan.FromMinutes(1))
        {
            failures.Add($"Hub:Billing:RetentionInterval {options.RetentionInterval} is shorter than a minute.");
        }

        if (options.RetentionStartDelay < TimeSpan.Zero)
        {
            failures.Add($"Hub:Billing:RetentionStartDelay {options.RetentionStartDelay} is negative.");
        }

        foreach (var room in options.VisioRooms)
        {
            var slash = room.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == room.Length - 1 || room.IndexOf('/', slash + 1) >= 0)
            {
                failures.Add($"Hub:Billing:VisioRooms entry '{room}' is not of the form site/zone.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
