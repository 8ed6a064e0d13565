using Cybercantal.Edge.Agent.Readers;
using Cybercantal.Edge.Agent.Readers.Pcsc;
using Cybercantal.Edge.Agent.Readers.Pn532;
using Cybercantal.Edge.Agent.Readers.Wiegand;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Hosting;

/// <summary>
/// Turns the site file's readers into running reader objects. With <c>--simulate</c>, the readers that
/// need a device this machine lacks (PC/SC, PN532 serial) are left to the simulation console; Wiegand
/// readers run on the simulated GPIO lines.
/// </summary>
public sealed class BadgeReaderCatalog(SiteConfiguration site, AgentRunSettings settings)
{
    public IReadOnlyList<IBadgeReader> Create(IServiceProvider services)
    {
        var sink = services.GetRequiredService<IBadgeReadSink>();
        var readers = new List<IBadgeReader>();
        foreach (var reader in site.Readers.Where(r => r.Kind == ReaderKind.Wiegand))
        {
            readers.Add(services.GetRequiredService<WiegandReaderFactory>().Create(reader, sink));
        }

        if (settings.Simulate)
        {
            return readers;
        }

        foreach (var reader in site.Readers.Where(r => r.Kind == ReaderKind.Pn532))
        {
            readers.Add(services.GetRequiredService<Pn532ReaderFactory>().Create(reader));
        }

        // One monitor serves every PC/SC reader: pcsc-lite reports all slots through one status wait.
        var pcsc = site.Readers.Where(r => r.Kind == ReaderKind.Pcsc).ToList();
        if (pcsc.Count > 0)
        {
            readers.Add(new PcscReaderMonitor(
                pcsc,
                sink,
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<PcscReaderMonitor>>()));
        }

        return readers;
    }
}
