using System.Net;
using System.Net.Sockets;

namespace Cybercantal.Edge.Demo;

/// <summary>
/// The centre's PCs as the agent's liveness probe sees them: every PC's host name is loopback and its probe
/// port a listener of the demo that accepts and hangs up (a PC that is on). One PC, <see cref="FlakyPc"/>,
/// has a listener of its own that <see cref="CrashAsync"/> closes (the PC froze: probes fail, its session ends as
/// pc-unreachable) and <see cref="Reboot"/> opens again on the same port.
/// </summary>
public sealed class DemoPcFarm : IAsyncDisposable
{
    private readonly Listener _alive;
    private readonly Lock _gate = new();
    private Listener? _flaky;

    public DemoPcFarm(string? flakyPc)
    {
        FlakyPc = flakyPc;
        _alive = new Listener(0);
        AlivePort = _alive.Port;
        if (flakyPc is not null)
        {
            _flaky = new Listener(0);
            FlakyPort = _flaky.Port;
        }
    }

    /// <summary>The probe port of every PC but the flaky one.</summary>
    public int AlivePort { get; }

    /// <summary>The PC that freezes during the day, if any.</summary>
    public string? FlakyPc { get; }

    /// <summary>The flaky PC's own probe port (0 without one).</summary>
    public int FlakyPort { get; }

    /// <summary>The flaky PC stops answering.</summary>
    public async Task CrashAsync()
    {
        Listener? flaky;
        lock (_gate)
        {
            flaky = _flaky;
            _flaky = null;
        }

        if (flaky is not null)
        {
            await flaky.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The flaky PC is back (same port).</summary>
    public void Reboot()
    {
        lock (_gate)
        {
            if (_flaky is null && FlakyPort != 0)
            {
                _flaky = new Listener(FlakyPort);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CrashAsync().ConfigureAwait(false);
        await _alive.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A loopback TCP listener that accepts every connection and closes it at once.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Listener(int port)
        {
            _listener = new TcpListener(IPAddress.Loopback, port);
            // The flaky PC comes back on its old port; the probes' connections of before may linger in TIME_WAIT.
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _loop = Task.Run(AcceptAsync);
        }

        public int Port { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            _listener.Stop();
            await _loop.ConfigureAwait(false);
            _listener.Dispose();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
                {
                    if (_stop.IsCancellationRequested)
                    {
                        return;
                    }
                }
            }
        }
    }
}
