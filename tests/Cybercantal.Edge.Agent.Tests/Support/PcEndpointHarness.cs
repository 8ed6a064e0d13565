using System.Net;
using System.Net.Sockets;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Agent.Usage.Pcs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Support;

/// <summary>
/// A real <see cref="PcSessionEndpoint"/> on a free loopback port in front of a <see cref="PcSessionTracker"/>
/// over <see cref="UsageTestSite"/>, a recording journal, a state file and a fake clock (30 November 2026, 09:00).
/// </summary>
internal sealed class PcEndpointHarness : IDisposable
{
    private readonly PcSessionEndpoint _endpoint;

    public PcEndpointHarness()
    {
        State = new UsageStateStore(Data.File("usage.db"));
        Tracker = new PcSessionTracker(UsageTestSite.Create(), UsageTestSite.Store(), State, Journal, Time, NullLogger<PcSessionTracker>.Instance);
        Gateway = $"http://127.0.0.1:{FreePort()}";
        _endpoint = new PcSessionEndpoint(
            Tracker,
            UsageTestSite.Options(o =>
            {
                o.PcEndpointPrefixes.Clear();
                o.PcEndpointPrefixes.Add(Gateway + "/");
            }),
            NullLogger<PcSessionEndpoint>.Instance);
    }

    public TemporaryDirectory Data { get; } = new();

    public RecordingJournal Journal { get; } = new();

    public FakeTimeProvider Time { get; } = new(AccessTestSite.Local(2026, 11, 30, 9, 0));

    public UsageStateStore State { get; }

    public PcSessionTracker Tracker { get; }

    /// <summary>The endpoint's base address, without the trailing slash (as the hook scripts' settings take it).</summary>
    public string Gateway { get; }

    public async Task StartAsync()
    {
        await _endpoint.StartAsync(CancellationToken.None);
        Assert.True(_endpoint.Listening);
    }

    public Task StopAsync() => _endpoint.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _endpoint.Dispose();
        State.Dispose();
        Data.Dispose();
    }

    /// <summary>A loopback port free at the time of asking (also a gateway that is down).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
