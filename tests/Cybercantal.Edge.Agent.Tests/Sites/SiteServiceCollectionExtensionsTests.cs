using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.DependencyInjection;

namespace Cybercantal.Edge.Agent.Tests.Sites;

public sealed class SiteServiceCollectionExtensionsTests
{
    [Fact]
    public void Valid_site_file_is_resolved_as_a_singleton()
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddSiteConfiguration(ShippedSiteFilesTests.SitePath("murat"))
            .BuildServiceProvider();

        var site = provider.GetRequiredService<SiteConfiguration>();

        Assert.Equal("murat", site.Id);
        Assert.Same(site, provider.GetRequiredService<SiteConfiguration>());
    }

    [Fact]
    public void Invalid_site_file_stops_resolution_with_every_problem()
    {
        var path = Path.Combine(Path.GetTempPath(), "cybercantal-no-such-site.yaml");
        using var provider = new ServiceCollection().AddLogging().AddSiteConfiguration(path).BuildServiceProvider();

        var exception = Assert.Throws<SiteConfigurationException>(provider.GetRequiredService<SiteConfiguration>);

        Assert.Equal(path, exception.Path);
        Assert.Equal(0, Assert.Single(exception.Diagnostics).Line);
        Assert.Contains($"{path}:0:0: file not found", exception.Message, StringComparison.Ordinal);
    }
}
