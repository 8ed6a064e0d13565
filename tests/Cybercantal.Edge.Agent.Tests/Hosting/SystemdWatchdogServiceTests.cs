using System.Net.Sockets;
using System.Text;
using Cybercantal.Edge.Agent.Hosting;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Hosting;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class SystemdWatchdogServiceTests
{
    [Fact]
    public async Task Pings_systemds_socket_while_healthy_and_withholds_pings_while_a_part_is_unhealthy()
    {
        using var directory = new TemporaryDirectory();
        var socketPath = directory.File("notify");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(socketPath));
        var check = new SwitchableCheck();
        Environment.SetEnvironmentVariable("NOTIFY_SOCKET", socketPath);
        Environment.SetEnvironmentVariable("WATCHDOG_USEC", "200000");
        try
        {
            using var service = new SystemdWatchdogService(new SystemdNotifier(), [check], TimeProvider.System, NullLogger<SystemdWatchdogService>.Instance);
            await service.StartAsync(CancellationToken.None);

            Assert.Equal("WATCHDOG=1", await ReceiveAsync(systemd, TimeSpan.FromSeconds(5)));

            check.Healthy = false;
            await Drain(systemd);
            Assert.Null(await ReceiveAsync(systemd, TimeSpan.FromMilliseconds(600)));

            check.Healthy = true;
            Assert.Equal("WATCHDOG=1", await ReceiveAsync(systemd, TimeSpan.FromSeconds(5)));
            await service.StopAsync(CancellationToken.None);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", null);
            Environment.SetEnvironmentVariable("WATCHDOG_USEC", null);
        }
    }

    [Fact]
    public async Task Journal_check_turns_unhealthy_only_when_records_wait_and_nothing_reaches_the_disk_for_a_minute()
    {
        using var directory = new TemporaryDirectory();
        await using var journal = new SqliteJournal(Options.Create(new JournalOptions { DatabasePath = directory.File("journal.db") }), TimeProvider.System);
        var clock = new FakeTimeProvider();
        var check = new JournalWatchdogCheck(journal, clock);
        await journal.WaitDurableAsync(journal.Append(new JournalEntry(JournalRecordKind.AgentStarted)));

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(check.IsHealthy(out _), "an idle journal with nothing pending is healthy");

        journal.BeforeCommit = () => throw new IOException("disk full");
        journal.Append(new JournalEntry(JournalRecordKind.DoorStateChanged) { DoorId = "porte-entree", Detail = "open" });
        Assert.True(check.IsHealthy(out _));
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.True(check.IsHealthy(out _));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(check.IsHealthy(out var reason));
        Assert.Contains("1 record(s) not written", reason, StringComparison.Ordinal);

        journal.BeforeCommit = null;
        await journal.WaitDurableAsync(journal.LastSequence);
        Assert.True(check.IsHealthy(out _));
    }

    private static async Task<string?> ReceiveAsync(Socket socket, TimeSpan timeout)
    {
        var buffer = new byte[256];
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var length = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
            return Encoding.ASCII.GetString(buffer, 0, length);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    // Pings already in flight when the check turned unhealthy are not the ones under test.
    private static async Task Drain(Socket socket)
    {
        while (await ReceiveAsync(socket, TimeSpan.FromMilliseconds(150)) is not null)
        {
        }
    }

    private sealed class SwitchableCheck : IWatchdogCheck
    {
        public volatile bool Healthy = true;

        public string Name => "test part";

        public bool IsHealthy(out string? reason)
        {
            reason = Healthy ? null : "switched off by the test";
            return Healthy;
        }
    }
}
