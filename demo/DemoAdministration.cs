using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Billing;

namespace Cybercantal.Edge.Demo;

/// <summary>
/// The demo's manager at work: enters the centres' people, badges, leases, bookings and tariffs through the
/// hub's admin API over HTTP with an admin key, as anyone administering the network would, and reads the
/// credential version each gateway reports. Entering is idempotent, so a second run on the same data updates
/// what the first one created (members and badges replaced, the day's bookings made to match the cast).
/// </summary>
public sealed class DemoAdministration(HttpClient http)
{
    /// <summary>Adds the tariffs the hub does not already have (same item, scope and date).</summary>
    public async Task EnterTariffsAsync(IReadOnlyList<TariffRequest> tariffs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tariffs);
        var existing = await GetAsync<List<Tariff>>("api/billing/tariffs", cancellationToken).ConfigureAwait(false);
        foreach (var tariff in tariffs)
        {
            if (!existing.Exists(t => t.Item == tariff.Item && t.Site == tariff.Site && t.Zone == tariff.Zone && t.EffectiveFrom == tariff.EffectiveFrom))
            {
                await SendAsync(HttpMethod.Post, "api/billing/tariffs", tariff, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Enters one centre: members, then their badges, leases and the day's bookings.</summary>
    public async Task EnterCentreAsync(DemoCentreRecords records, DateOnly day, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(zone);
        var views = new Dictionary<string, MemberView>(StringComparer.Ordinal);
        foreach (var member in records.Members)
        {
            using var created = await SendAsync(HttpMethod.Post, "api/members", member, cancellationToken, HttpStatusCode.Conflict).ConfigureAwait(false);
            views[member.Id!] = created.StatusCode == HttpStatusCode.Conflict
                ? await PutMemberAsync(member, cancellationToken).ConfigureAwait(false)
                : (await created.Content.ReadFromJsonAsync<MemberView>(cancellationToken).ConfigureAwait(false))!;
        }

        foreach (var badge in records.Badges)
        {
            using var added = await SendAsync(HttpMethod.Post, "api/badges", badge, cancellationToken, HttpStatusCode.Conflict).ConfigureAwait(false);
            if (added.StatusCode == HttpStatusCode.Conflict)
            {
                // Already there (a previous run), possibly with someone else: hand it to this member.
                using var moved = await SendAsync(HttpMethod.Put, Path("api/badges", badge.Credential!), badge with { Credential = null }, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var lease in records.Leases)
        {
            var leases = views[lease.MemberId!].Leases.Where(l => l.Site == records.Site).ToList();
            foreach (var stale in leases.Where(l => l.Zone != lease.Zone || l.Start != lease.Start || l.End != lease.End))
            {
                using var deleted = await SendAsync(HttpMethod.Delete, Path("api/leases", stale.Id), null, cancellationToken).ConfigureAwait(false);
            }

            if (!leases.Exists(l => l.Zone == lease.Zone && l.Start == lease.Start && l.End == lease.End))
            {
                using var saved = await SendAsync(HttpMethod.Post, "api/leases", lease, cancellationToken).ConfigureAwait(false);
            }
        }

        await EnterBookingsAsync(records, day, zone, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The hub's credential version of a site and the one its gateway last reported.</summary>
    public Task<SiteCredentialsVersion> CredentialsAsync(string site, CancellationToken cancellationToken) =>
        GetAsync<SiteCredentialsVersion>(Path("api/sites", site) + "/credentials", cancellationToken);

    /// <summary>
    /// The day's bookings made to match the cast: a booking of the day that is not the cast's, or was released
    /// by an earlier run's no-show, is deleted (it would overlap, or the no-show could not happen again).
    /// </summary>
    private async Task EnterBookingsAsync(DemoCentreRecords records, DateOnly day, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var from = Instant(day, zone);
        var to = Instant(day.AddDays(1), zone);
        var query = string.Create(CultureInfo.InvariantCulture,
            $"api/bookings?site={Uri.EscapeDataString(records.Site)}&from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}");
        var existing = await GetAsync<List<BookingView>>(query, cancellationToken).ConfigureAwait(false);
        bool Same(BookingView view, BookingRequest request) =>
            view.MemberId == request.MemberId && view.Zone == request.Zone && view.Start == request.Start && view.End == request.End;
        var kept = existing.Where(v => v.Status == BookingView.Booked && records.Bookings.Any(b => Same(v, b))).ToList();
        foreach (var stale in existing.Except(kept))
        {
            using var deleted = await SendAsync(HttpMethod.Delete, Path("api/bookings", stale.Id), null, cancellationToken).ConfigureAwait(false);
        }

        foreach (var booking in records.Bookings.Where(b => !kept.Exists(v => Same(v, b))))
        {
            using var saved = await SendAsync(HttpMethod.Post, "api/bookings", booking, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<MemberView> PutMemberAsync(MemberRequest member, CancellationToken cancellationToken)
    {
        using var updated = await SendAsync(HttpMethod.Put, Path("api/members", member.Id!), member with { Id = null }, cancellationToken).ConfigureAwait(false);
        return (await updated.Content.ReadFromJsonAsync<MemberView>(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<T>(cancellationToken).ConfigureAwait(false))
            ?? throw new InvalidOperationException($"The hub answered GET {path} with nothing.");
    }

    /// <summary>Sends one call; an answer other than success (or the one <paramref name="tolerated"/>) is an error naming the call and the hub's problem.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, HttpStatusCode? tolerated = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }

        var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || response.StatusCode == tolerated)
        {
            return response;
        }

        using (response)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The hub refused {method} {path}: {(int)response.StatusCode} {problem}"));
        }
    }

    private static string Path(string collection, string id) => $"{collection}/{Uri.EscapeDataString(id)}";

    private static string Path(string collection, long id) => string.Create(CultureInfo.InvariantCulture, $"{collection}/{id}");

    private static DateTimeOffset Instant(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
