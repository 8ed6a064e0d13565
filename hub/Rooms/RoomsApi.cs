using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Sites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cybercantal.Edge.Hub.Rooms;

/// <summary>
/// Routes of the admin API (same API keys, problem details and centre scoping as docs/admin-api.md): the
/// latest site description, and the per-room report as JSON or French CSV.
/// </summary>
public static class RoomsApi
{
    public static IEndpointRouteBuilder MapRoomsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>();
        api.MapGet("/sites/{site}/description", (HttpContext http, SiteDescriptionStore store, string site) =>
        {
            AdminValidation.Site("site", site);
            ApiKeyFilter.Caller(http).Require(site);
            return store.Find(site) ?? throw AdminException.NotFound($"Site '{site}' has not published its description yet (its gateway sends it at every connection).");
        }).WithTags("sites");
        api.MapGet("/usage/rooms", (HttpContext http, RoomReportService reports, string site, string? month, DateOnly? from, DateOnly? to) =>
            reports.Report(ApiKeyFilter.Caller(http), site, month, from, to)).WithTags("usage");
        api.MapGet("/usage/rooms/csv", (HttpContext http, RoomReportService reports, string site, string? month, DateOnly? from, DateOnly? to) =>
        {
            var report = reports.Report(ApiKeyFilter.Caller(http), site, month, from, to);
            var name = month is null ? $"salles-{site}-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv" : $"salles-{site}-{month}.csv";
            return Results.File(RoomReportCsv.Bytes(report), "text/csv; charset=utf-8", name);
        }).WithTags("usage");
        return endpoints;
    }
}
