using Cybercantal.Edge.Hub.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Hub.Billing;

public static class BillingServiceCollectionExtensions
{
    /// <summary>
    /// Registers billing (validated <c>Hub:Billing</c> options, tariffs, month closing, statements) and the
    /// retention run with its daily hosted timer (unless <c>Hub:Billing:RetentionEnabled</c> is false).
    /// </summary>
    public static IServiceCollection AddBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<BillingOptions>().Bind(configuration.GetSection(BillingOptions.Section));
        services.AddSingleton<IValidateOptions<BillingOptions>, BillingOptionsValidator>();
        services.AddSingleton<BillingService>();
        services.AddSingleton<RetentionRun>();
        if (configuration.GetSection(BillingOptions.Section).GetValue(nameof(BillingOptions.RetentionEnabled), true))
        {
            services.AddSingleton<RetentionWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<RetentionWorker>());
        }

        return services;
    }
}
