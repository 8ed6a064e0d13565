using System.Text;
using Cybercantal.Edge.Hub.Commands;
using Cybercantal.Edge.Hub.Credentials;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// The admin HTTP API (JSON; errors as RFC 9457 problem details), every route behind an API key:
/// members, badges (with revoke), rights, leases, bookings, access events and usage records (paged JSON or
/// French CSV),
/// remote commands, credential versions, API keys. Described by the OpenAPI document at <c>/openapi/v1.json</c>.
/// </summary>
public static class AdminApi
{
    public const int DefaultPageSize = 100;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>().WithTags("admin");

        var members = api.MapGroup("/members").WithTags("members");
        members.MapGet("/", (HttpContext http, AdminStore store, string? site, int? page, int? size) =>
            store.ListMembers(Caller(http), site, Page(page), Size(size)));
        members.MapGet("/{id}", (HttpContext http, AdminStore store, string id) => store.GetMember(Caller(http), id));
        members.MapPost("/", (HttpContext http, AdminStore store, MemberRequest body) =>
        {
            var member = store.CreateMember(Caller(http), body);
            return Results.Created($"/api/members/{member.Id}", member);
        });
        members.MapPut("/{id}", (HttpContext http, AdminStore store, string id, MemberRequest body) => store.UpdateMember(Caller(http), id, body));
        members.MapDelete("/{id}", (HttpContext http, AdminStore store, string id) =>
        {
            store.DeleteMember(Caller(http), id);
            return Results.NoContent();
        });

        var badges = api.MapGroup("/badges").WithTags("badges");
        badges.MapGet("/{credential}", (HttpContext http, AdminStore store, string credential) => store.GetBadge(Caller(http), credential));
        badges.MapPost("/", (HttpContext http, AdminStore store, BadgeRequest body) =>
        {
            var badge = store.AddBadge(Caller(http), body);
            return Results.Created($"/api/badges/{badge.Credential}", badge);
        });
        badges.MapPut("/{credential}", (HttpContext http, AdminStore store, string credential, BadgeRequest body) => store.UpdateBadge(Caller(http), credential, body));
        badges.MapPost("/{credential}/revoke", (HttpContext http, AdminStore store, string credential) => store.RevokeBadge(Caller(http), credential));
        badges.MapDelete("/{credential}", (HttpContext http, AdminStore store, string credential) =>
        {
            store.DeleteBadge(Caller(http), credential);
            return Results.NoContent();
        });

        var rights = api.MapGroup("/rights").WithTags("rights");
        rights.MapGet("/{id:long}", (HttpContext http, AdminStore store, long id) => store.GetRight(Caller(http), id));
        rights.MapPost("/", (HttpContext http, AdminStore store, RightRequest body) =>
        {
            var right = store.SaveRight(Caller(http), null, body);
            return Results.Created($"/api/rights/{right.Id}", right);
        });
        rights.MapPut("/{id:long}", (HttpContext http, AdminStore store, long id, RightRequest body) => store.SaveRight(Caller(http), id, body));
        rights.MapDelete("/{id:long}", (HttpContext http, AdminStore store, long id) =>
        {
            store.DeleteRight(Caller(http), id);
            return Results.NoContent();
        });

        var leases = api.MapGroup("/leases").WithTags("leases");
        leases.MapGet("/{id:long}", (HttpContext http, AdminStore store, long id) => store.GetLease(Caller(http), id));
        leases.MapPost("/", (HttpContext http, AdminStore store, LeaseRequest body) =>
        {
            var lease = store.SaveLease(Caller(http), null, body);
            return Results.Created($"/api/leases/{lease.Id}", lease);
        });
        leases.MapPut("/{id:long}", (HttpContext http, AdminStore store, long id, LeaseRequest body) => store.SaveLease(Caller(http), id, body));
        leases.MapDelete("/{id:long}", (HttpContext http, AdminStore store, long id) =>
        {
            store.DeleteLease(Caller(http), id);
            return Results.NoContent();
        });

        var bookings = api.MapGroup("/bookings").WithTags("bookings");
        bookings.MapGet("/", (HttpContext http, AdminStore store, string site, string? zone, DateTimeOffset? from, DateTimeOffset? to) =>
            store.ListBookings(Caller(http), site, zone, from, to));
        bookings.MapGet("/{id:long}", (HttpContext http, AdminStore store, long id) => store.GetBooking(Caller(http), id));
        bookings.MapPost("/", (HttpContext http, AdminStore store, BookingRequest body) =>
        {
            var booking = store.SaveBooking(Caller(http), null, body);
            return Results.Created($"/api/bookings/{booking.Id}", booking);
        });
        bookings.MapPut("/{id:long}", (HttpContext http, AdminStore store, long id, BookingRequest body) => store.SaveBooking(Caller(http), id, body));
        bookings.MapDelete("/{id:long}", (HttpContext http, AdminStore store, long id) =>
        {
            store.DeleteBooking(Caller(http), id);
            return Results.NoContent();
        });

        var events = api.MapGroup("/events").WithTags("events");
        events.MapGet("/", (HttpContext http, AccessEventQuery query, [AsParameters] AccessEventFilter filter, int? page, int? size) =>
            query.Page(Caller(http), filter, page ?? 1, size ?? DefaultPageSize));
        events.MapGet("/csv", (HttpContext http, AccessEventQuery query, [AsParameters] AccessEventFilter filter, ILogger<AccessEventQuery> logger) =>
        {
            var caller = Caller(http);
            var text = new StringBuilder(AccessEventCsv.Header).Append("\r\n");
            var rows = 0;
            query.Export(caller, filter, e =>
            {
                text.Append(AccessEventCsv.Line(e)).Append("\r\n");
                rows++;
            });
            AdminLog.EventsExported(logger, caller.Name, rows);
            byte[] bytes = [.. AccessEventCsv.Encoding.GetPreamble(), .. AccessEventCsv.Encoding.GetBytes(text.ToString())];
            return Results.File(bytes, "text/csv; charset=utf-8", "evenements-acces.csv");
        });

        var usage = api.MapGroup("/usage/records").WithTags("usage");
        usage.MapGet("/", (HttpContext http, UsageRecordQuery query, [AsParameters] UsageRecordFilter filter, int? page, int? size) =>
            query.Page(Caller(http), filter, page ?? 1, size ?? DefaultPageSize));
        usage.MapGet("/csv", (HttpContext http, UsageRecordQuery query, [AsParameters] UsageRecordFilter filter, ILogger<UsageRecordQuery> logger) =>
        {
            var caller = Caller(http);
            var records = new List<UsageRecordView>();
            query.Export(caller, filter, records.Add);
            AdminLog.UsageRecordsExported(logger, caller.Name, records.Count);
            return Results.File(UsageRecordCsv.Bytes(records), "text/csv; charset=utf-8", "usages.csv");
        });

        var sites = api.MapGroup("/sites/{site}").WithTags("sites");
        sites.MapPost("/commands", (HttpContext http, CommandSender sender, string site, Commands.CommandRequest body) =>
            Results.Accepted(value: sender.Send(Caller(http), site, body)));
        sites.MapGet("/credentials", (HttpContext http, CredentialDistributor distributor, string site) =>
        {
            AdminValidation.Site("site", site);
            Caller(http).Require(site);
            return new SiteCredentialsVersion(site, distributor.CurrentVersion(site), distributor.Reports.GetValueOrDefault(site)?.Version);
        });
        sites.MapPost("/credentials/resync", (HttpContext http, CredentialDistributor distributor, string site) =>
        {
            AdminValidation.Site("site", site);
            Caller(http).Require(site);
            distributor.RequestSnapshot(site);
            return Results.Accepted();
        });

        var keys = api.MapGroup("/keys").WithTags("keys");
        keys.MapGet("/", (HttpContext http, ApiKeyStore store) =>
        {
            Caller(http).RequireAdmin();
            return store.List();
        });
        keys.MapPost("/", (HttpContext http, ApiKeyStore store, ApiKeyRequest body, ILogger<ApiKeyStore> logger) =>
        {
            var caller = Caller(http);
            caller.RequireAdmin();
            var (view, secret) = store.Create(body.Name, body.Admin, body.Sites);
            AdminLog.KeyCreated(logger, view.Id, view.Name, caller.Name);
            return Results.Created($"/api/keys/{view.Id}", new ApiKeyCreated(view, secret));
        });
        keys.MapDelete("/{id}", (HttpContext http, ApiKeyStore store, string id) =>
        {
            Caller(http).RequireAdmin();
            return store.Delete(id) ? Results.NoContent() : throw AdminException.NotFound($"No API key '{id}'.");
        });
        return endpoints;
    }

    private static ApiCaller Caller(HttpContext http) => ApiKeyFilter.Caller(http);

    private static int Page(int? page) => page is null or >= 1 ? page ?? 1 : throw AdminException.Invalid("page", $"'page' starts at 1 (got {page}).");

    private static int Size(int? size) => size is null or (>= 1 and <= AccessEventQuery.MaxPageSize)
        ? size ?? DefaultPageSize
        : throw AdminException.Invalid("size", $"'size' must be between 1 and {AccessEventQuery.MaxPageSize} (got {size}).");
}
