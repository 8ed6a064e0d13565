using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Tests.Access;

public sealed class AccessServiceCollectionExtensionsTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Registered_access_loads_the_store_at_start_and_decides()
    {
        var databasePath = _temp.File("access.db");
        Assert.True(AccessSeedImporter.Import(RepositoryFiles.Find("samples/seed/saint-flour.yaml"), AccessStoreDatabase.Open(databasePath)).Succeeded);
        var site = AccessTestSite.Create();
        await using var provider = Services(site, databasePath, grace: "00:05:00");

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var engine = provider.GetRequiredService<AccessDecisionEngine>();
        Assert.Equal(12, engine.Store.Current.MemberCount);
        Assert.Equal(TimeSpan.FromMinutes(5), provider.GetRequiredService<IOptions<AccessDecisionOptions>>().Value.BookingGraceBefore);
        Assert.True(engine.Decide(Credential.Parse("nfc:04A1B2C3D4E5F6"), site.DoorTo("bureau-1"), AccessTestSite.Local(2026, 12, 1, 10, 0)).Granted);
    }

    [Fact]
    public async Task Out_of_range_options_fail_validation()
    {
        await using var provider = Services(AccessTestSite.Create(), _temp.File("access.db"), grace: "05:00:00");

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AccessDecisionOptions>>().Value);
    }

    private static ServiceProvider Services(SiteConfiguration site, string databasePath, string grace)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Access:DatabasePath"] = databasePath,
            ["Access:BookingGraceBefore"] = grace,
        }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSingleton(site)
            .AddAccess()
            .BuildServiceProvider();
    }
}
