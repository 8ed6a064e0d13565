using System.Net;
using System.Net.Http.Json;
using Cybercantal.Edge.Hub.Billing;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Hub.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cybercantal.Edge.Hub.Tests.Billing;

public sealed class BillingApiTests
{
    [Fact]
    public async Task Managers_see_and_price_only_their_centres()
    {
        await using var hub = await AdminHub.StartAsync("murat", "allanche");
        using var manager = hub.Manager("murat");
        var database = hub.Hub.Services.GetRequiredService<HubDatabase>();
        using (var connection = database.OpenConnection())
        {
            HubDatabase.Execute(connection, """
                INSERT INTO journal (site, seq, kind, at_us, mono, door, member, detail, received_us) VALUES
                ('murat', 1, 34, 1767952800000000, 0, 'c1', 'anne', 'reason=badge-out;start=2026-01-09T09:58:00.000Z;end=2026-01-09T10:00:00.000Z;seconds=120;pages=10', 0),
                ('allanche', 1, 34, 1767952800000000, 0, 'c1', 'paul', 'reason=badge-out;start=2026-01-09T09:58:00.000Z;end=2026-01-09T10:00:00.000Z;seconds=120;pages=20', 0),
                ('allanche', 2, 34, 1767952800000000, 0, 'c1', 'paul', 'garbage', 0)
                """);
        }

        (await hub.Admin.PostAsJsonAsync("/api/billing/tariffs", new TariffRequest { Item = "copier-page", EffectiveFrom = new DateOnly(2025, 1, 1), UnitPriceCents = 10 }, AdminHub.Json)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/billing/tariffs", new TariffRequest { Item = "copier-page", EffectiveFrom = new DateOnly(2026, 1, 1), UnitPriceCents = 1 }, AdminHub.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/billing/tariffs", new TariffRequest { Item = "copier-page", Site = "allanche", EffectiveFrom = new DateOnly(2026, 1, 1), UnitPriceCents = 1 }, AdminHub.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync("/api/billing/tariffs", new TariffRequest { Item = "copier-page", Site = "murat", EffectiveFrom = new DateOnly(2026, 1, 1), UnitPriceCents = 12 }, AdminHub.Json)).StatusCode);
        var invalid = await manager.PostAsJsonAsync("/api/billing/tariffs", new TariffRequest { Item = "coffee", Site = "murat", EffectiveFrom = new DateOnly(2026, 1, 1), UnitPriceCents = 1 }, AdminHub.Json);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("item", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync("/api/billing/months/2026-01/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.Admin.PostAsync("/api/billing/months/2026-13/close", null)).StatusCode);
        var closed = await (await hub.Admin.PostAsync("/api/billing/months/2026-01/close", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<MonthAggregate>(AdminHub.Json);
        Assert.Equal((3L, 1L, 2), (closed!.Records, closed.Skipped, closed.Lines));

        var mine = await manager.GetFromJsonAsync<List<StatementLine>>("/api/billing/statements/2026-01", AdminHub.Json);
        var line = Assert.Single(mine!);
        Assert.Equal(("murat", "anne", 120L), (line.Site, line.Member, line.AmountExclCents));
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/billing/statements/2026-01?site=allanche")).StatusCode);
        Assert.Equal(2, (await hub.Admin.GetFromJsonAsync<List<StatementLine>>("/api/billing/statements/2026-01", AdminHub.Json))!.Count);
        var csv = await manager.GetByteArrayAsync("/api/billing/statements/2026-01/csv");
        Assert.DoesNotContain("allanche", System.Text.Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
        Assert.Equal(StatementCsv.Bytes(mine!), csv);

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync("/api/billing/retention/run", null)).StatusCode);
        (await hub.Admin.PostAsync("/api/billing/retention/run", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client(null).GetAsync("/api/billing/tariffs")).StatusCode);
        var tariffs = await manager.GetFromJsonAsync<List<Tariff>>("/api/billing/tariffs", AdminHub.Json);
        Assert.Equal([null, "murat"], tariffs!.Select(t => t.Site));
    }
}
