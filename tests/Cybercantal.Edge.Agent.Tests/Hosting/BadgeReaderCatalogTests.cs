using Cybercantal.Edge.Agent.Hosting;
using Cybercantal.Edge.Agent.Readers.Pcsc;
using Cybercantal.Edge.Agent.Readers.Pn532;
using Cybercantal.Edge.Agent.Readers.Wiegand;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;

namespace Cybercantal.Edge.Agent.Tests.Hosting;

public sealed class BadgeReaderCatalogTests
{
    [Fact]
    public async Task On_a_gateway_every_reader_of_the_site_file_runs_and_pcsc_readers_share_one_monitor()
    {
        await using var agent = new AgentHostHarness();
        await agent.Host.StartAsync();
        var catalog = new BadgeReaderCatalog(agent.Site, agent.Settings with { Simulate = false });

        var readers = catalog.Create(agent.Host.Services);

        Assert.Equal(agent.Site.Readers.Count(r => r.Kind == ReaderKind.Wiegand), readers.OfType<WiegandReader>().Count());
        Assert.Equal(agent.Site.Readers.Count(r => r.Kind == ReaderKind.Pn532), readers.OfType<Pn532Reader>().Count());
        var monitor = Assert.Single(readers.OfType<PcscReaderMonitor>());
        Assert.Equal(agent.Site.Readers.Where(r => r.Kind == ReaderKind.Pcsc).Select(r => r.Id), monitor.Readers.Select(r => r.Id));
        await agent.Host.StopAsync();
    }

    [Fact]
    public async Task In_simulation_only_the_gpio_readers_run_and_the_console_plays_the_others()
    {
        await using var agent = new AgentHostHarness();
        await agent.Host.StartAsync();

        var readers = agent.Get<BadgeReaderCatalog>().Create(agent.Host.Services);

        Assert.All(readers, r => Assert.IsType<WiegandReader>(r));
        Assert.Equal(agent.Site.Readers.Count(r => r.Kind == ReaderKind.Wiegand), readers.Count);
        await agent.Host.StopAsync();
    }
}
