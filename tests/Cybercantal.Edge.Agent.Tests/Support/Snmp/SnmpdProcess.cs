using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cybercantal.Edge.Agent.Usage.Snmp;

namespace Cybercantal.Edge.Agent.Tests.Support.Snmp;

/// <summary>
/// A real net-snmp snmpd on 127.0.0.1 playing a copier: prtMarkerLifeCount and hrPrinterStatus are served by a
/// pass_persist script reading files this class writes (<see cref="SetCounter"/>, <see cref="SetStatus"/>); a missing
/// file makes the variable absent. Started in the foreground with only our config (-C), stopped by pid.
/// The pass_persist lines take priority 10 because snmpd's own HOST-RESOURCES module registers hrPrinterStatus
/// at the same point with the default priority and would otherwise answer noSuchInstance.
/// </summary>
public sealed class SnmpdProcess : IDisposable
{
    private readonly string _directory;
    private readonly string _configPath;
    private Process? _snmpd;

    private SnmpdProcess(string community)
    {
        SnmpdInstaller.EnsureInstalled();
        _directory = Directory.CreateTempSubdirectory("cybercantal-snmpd-").FullName;
        Community = community;
        Port = FreeUdpPort();
        var script = Path.Combine(_directory, "copier.sh");
        File.WriteAllText(script, Script(_directory));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        // Not "snmpd.conf": snmpd writes its persistent state under that name in SNMP_PERSISTENT_DIR.
        _configPath = Path.Combine(_directory, "agent.conf");
        File.WriteAllText(_configPath, string.Create(CultureInfo.InvariantCulture, $"""
            agentAddress udp:127.0.0.1:{Port}
            rocommunity {community} 127.0.0.1
            pass_persist -p 10 .1.3.6.1.2.1.43.10.2.1.4.1 {script}
            pass_persist -p 10 .1.3.6.1.2.1.25.3.5.1.1 {script}

            """));
        LogPath = Path.Combine(_directory, "snmpd.log");
    }

    public int Port { get; }

    public string Community { get; }

    public IPEndPoint Endpoint => new(IPAddress.Loopback, Port);

    /// <summary>The copier's SnmpAddress as a site file would give it.</summary>
    public string Address => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public string LogPath { get; }

    public int? ProcessId => _snmpd is { HasExited: false } process ? process.Id : null;

    /// <summary>Starts an snmpd with page counter <paramref name="counter"/> and printer status 3 (idle).</summary>
    public static SnmpdProcess Start(ulong counter = 0, string community = "public")
    {
        var snmpd = new SnmpdProcess(community);
        try
        {
            snmpd.SetCounter(counter);
            snmpd.SetStatus(3);
            snmpd.Restart();
            return snmpd;
        }
        catch
        {
            snmpd.Dispose();
            throw;
        }
    }

    public void SetCounter(ulong value) => WriteValue("counter", value.ToString(CultureInfo.InvariantCulture));

    public void SetStatus(int value) => WriteValue("status", value.ToString(CultureInfo.InvariantCulture));

    public void RemoveCounter() => File.Delete(Path.Combine(_directory, "counter"));

    public void RemoveStatus() => File.Delete(Path.Combine(_directory, "status"));

    /// <summary>(Re)starts snmpd on the same port and waits until it answers a GET of sysUpTime.</summary>
    public void Restart()
    {
        if (_snmpd is { HasExited: false })
        {
            return;
        }

        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            ArgumentList = { "-c", $"exec {SnmpdInstaller.SnmpdPath} -f -Lo -C -c '{_configPath}' >>'{LogPath}' 2>&1" },
        };
        // Keep snmpd's persistent state (engine boots...) in our directory, not /var/lib/snmp shared by every instance.
        start.Environment["SNMP_PERSISTENT_DIR"] = Directory.CreateDirectory(Path.Combine(_directory, "persistent")).FullName;
        _snmpd = Process.Start(start) ?? throw new InvalidOperationException("could not start snmpd");
        WaitUntilAnswering(TimeSpan.FromSeconds(15));
    }

    /// <summary>Kills snmpd by pid (a copier switched off) and waits for it to be gone.</summary>
    public void Stop()
    {
        if (_snmpd is null)
        {
            return;
        }

        if (!_snmpd.HasExited)
        {
            _snmpd.Kill(entireProcessTree: true);
            _snmpd.WaitForExit(10_000);
        }

        _snmpd.Dispose();
        _snmpd = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A pass_persist child still closing a file: leave it to the temp cleanup.
        }
    }

    private void WriteValue(string name, string value)
    {
        // Write then rename: the script never reads a half-written value.
        var temporary = Path.Combine(_directory, name + ".new");
        File.WriteAllText(temporary, value + "\n");
        File.Move(temporary, Path.Combine(_directory, name), overwrite: true);
    }

    private void WaitUntilAnswering(TimeSpan timeout)
    {
        var client = new SnmpClient(new SnmpOptions { Timeout = TimeSpan.FromMilliseconds(200), Retries = 0 }, TimeProvider.System);
        var target = new SnmpTarget(Endpoint, Community, SnmpVersion.V2c);
        var sysUpTime = SnmpOid.Parse("1.3.6.1.2.1.1.3.0");
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_snmpd!.HasExited)
            {
                throw new InvalidOperationException($"snmpd exited with code {_snmpd.ExitCode}; log {LogPath}:\n{Tail()}");
            }

            if (client.GetAsync(target, [sysUpTime], CancellationToken.None).GetAwaiter().GetResult().Succeeded)
            {
                return;
            }
        }

        throw new TimeoutException($"snmpd did not answer on {Address} within {timeout}; log {LogPath}:\n{Tail()}");
    }

    private string Tail()
    {
        try
        {
            return string.Join('\n', File.ReadAllLines(LogPath).TakeLast(20));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>The pass_persist protocol: PING/PONG, then "get"/"getnext" + OID answered with OID, type, value or NONE.</summary>
    private static string Script(string directory) => $$"""
        #!/bin/sh
        # pass_persist responder for the Cybercantal SNMP tests; values come from files the tests write.
        dir='{{directory}}'
        answer() {
          case "$1" in
            .1.3.6.1.2.1.43.10.2.1.4.1.1) file="$dir/counter"; type=counter ;;
            .1.3.6.1.2.1.25.3.5.1.1.1) file="$dir/status"; type=integer ;;
            *) echo NONE; return ;;
          esac
          if [ -r "$file" ]; then echo "$1"; echo "$type"; cat "$file"; else echo NONE; fi
        }
        next() {
          case "$1" in
            .1.3.6.1.2.1.43.10.2.1.4.1|.1.3.6.1.2.1.43.10.2.1.4.1.0) answer .1.3.6.1.2.1.43.10.2.1.4.1.1 ;;
            .1.3.6.1.2.1.25.3.5.1.1|.1.3.6.1.2.1.25.3.5.1.1.0) answer .1.3.6.1.2.1.25.3.5.1.1.1 ;;
            *) echo NONE ;;
          esac
        }
        while read -r command; do
          case "$command" in
            PING) echo PONG ;;
            get) read -r oid; answer "$oid" ;;
            getnext) read -r oid; next "$oid" ;;
            set) read -r oid; read -r value; echo not-writable ;;
          esac
        done

        """;
}
