using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Retention;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// Billing routes of the admin API (same API keys, problem details and centre scoping as docs/admin-api.md):
/// tariffs, month closing, statements as JSON or accountant CSV, and the retention run.
/// </summary>
public static class BillingApi
{
    public static IEndpointRouteBuilder MapBillingApi(this IEndpointRouteBuilder endpoints)
    {
        var billing = endpoints.MapGroup("/api/billing").AddEndpointFilter<ApiKeyFilter>().WithTags("billing");
        billing.MapGet("/tariffs", (HttpContext http, BillingService service, string? site) => service.ListTariffs(Caller(http), site));
        billing.MapPost("/tariffs", (HttpContext http, BillingService service, TariffRequest body) =>
        {
            var tariff = service.AddTariff(Caller(http), body);
            return Results.Created($"/api/billing/tariffs/{tariff.Id}", tariff);
        });
        billing.MapPost("/months/{month}/close", (HttpContext http, BillingService service, string month) =>
            service.CloseMonth(Caller(http), Month(month)));
        billing.MapGet("/statements/{month}", (HttpContext http, BillingService service, string month, string? site) =>
            service.Lines(Caller(http), Month(month), site));
        billing.MapGet("/statements/{month}/csv", (HttpContext http, BillingService service, string month, string? site, ILogger<BillingService> logger) =>
        {
            var caller = Caller(http);
            var lines = service.Lines(caller, Month(month), site);
            BillingLog.StatementsExported(logger, month, caller.Name, lines.Count);
            return Results.File(StatementCsv.Bytes(lines), "text/csv; charset=utf-8", $"releves-{month}{(site is null ? string.Empty : "-" + site)}.csv");
        });
        billing.MapPost("/retention/run", (HttpContext http, RetentionRun run) =>
        {
            Caller(http).RequireAdmin();
            return run.Run();
        });
        return endpoints;
    }

    private static ApiCaller Caller(HttpContext http) => ApiKeyFilter.Caller(http);

    private static BillingMonth Month(string text) =>
        BillingMonth.TryParse(text, out var month) ? month : throw AdminException.Invalid("month", $"'month' must be yyyy-MM (got '{text}').");
}
