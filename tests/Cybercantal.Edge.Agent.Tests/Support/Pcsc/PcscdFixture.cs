using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cybercantal.Edge.Agent.Readers.Pcsc;

namespace Cybercantal.Edge.Agent.Tests.Support.Pcsc;

/// <summary>
/// A real pcscd with vsmartcard-vpcd's virtual reader, for the PC/SC tests. Runs pcscd in the foreground with its
/// own reader.conf.d (vpcd on ports chosen here), logs to a file, stops it by pid. Installs the packages when missing
/// and running as root; otherwise fails naming them (never skips: these tests are the reader's proof).
/// </summary>
public sealed class PcscdFixture : IDisposable
{
    public const string Packages = "pcscd libpcsclite1 vsmartcard-vpcd";
    private const string PcscdPath = "/usr/sbin/pcscd";
    private const string VpcdDriver = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";
    private const string RunDirectory = "/run/pcscd";
    private const string Marker = "cybercantal-pcscd-";

    private readonly string _directory;
    private Process? _pcscd;

    public PcscdFixture()
    {
        EnsureInstalled();
        _directory = Directory.CreateTempSubdirectory(Marker).FullName;
        var configDirectory = Path.Combine(_directory, "reader.conf.d");
        Directory.CreateDirectory(configDirectory);
        Port = FindFreePortPair();
        File.WriteAllText(Path.Combine(configDirectory, "vpcd"), string.Create(CultureInfo.InvariantCulture, $"""
            FRIENDLYNAME "Virtual PCD"
            DEVICENAME   /dev/null:0x{Port:X4}
            LIBPATH      {VpcdDriver}
            CHANNELID    0x{Port:X4}

            """));
        LogPath = Path.Combine(_directory, "pcscd.log");
        Start();
    }

    /// <summary>Reader of the first virtual slot (card port <see cref="Port"/>).</summary>
    public static string FirstReader => "Virtual PCD 00 00";

    /// <summary>Reader of the second virtual slot (card port <see cref="Port"/> + 1).</summary>
    public static string SecondReader => "Virtual PCD 00 01";

    /// <summary>TCP port of the first slot; the second slot listens on the next one.</summary>
    public int Port { get; }

    public string LogPath { get; }

    public int? ProcessId => _pcscd is { HasExited: false } process ? process.Id : null;

    /// <summary>Starts pcscd and waits until both virtual readers are listed.</summary>
    public void Start()
    {
        if (_pcscd is { HasExited: false })
        {
            return;
        }

        ClearStaleDaemon();
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            ArgumentList = { "-c", $"exec {PcscdPath} --foreground --debug --config '{Path.Combine(_directory, "reader.conf.d")}' >>'{LogPath}' 2>&1" },
        };
        _pcscd = Process.Start(start) ?? throw new InvalidOperationException("could not start pcscd");
        WaitForReaders(TimeSpan.FromSeconds(15));
    }

    /// <summary>Kills pcscd (SIGKILL, as a crash would) and waits for it to be gone. Leaves its stale files, like a crash.</summary>
    public void Kill()
    {
        if (_pcscd is null)
        {
            return;
        }

        if (!_pcscd.HasExited)
        {
            _pcscd.Kill();
            _pcscd.WaitForExit(10_000);
        }

        _pcscd.Dispose();
        _pcscd = null;
    }

    public void Dispose()
    {
        Kill();
        try
        {
            // The daemon's debug log of the last run stays next to the temp dirs for a post-mortem.
            File.Copy(LogPath, Path.Combine(Path.GetTempPath(), "cybercantal-pcscd-last.log"), overwrite: true);
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Keep the log for a post-mortem if something still holds it.
        }
    }

    /// <summary>Waits until pcscd reports no card on <paramref name="readerName"/> (after a badge was removed).</summary>
    public static void WaitUntilEmpty(string readerName, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (ReadState(readerName) is { } state && (state & PcscReaderStates.Empty) != 0)
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"pcscd still reports a card on '{readerName}' after {timeout}");
    }

    private static PcscReaderStates? ReadState(string readerName)
    {
        if (PcscClient.Establish(out var context) != PcscResult.Success)
        {
            return null;
        }

        using (context)
        {
            return PcscClient.GetReaderState(context, readerName, out var state) is PcscResult.Success or PcscResult.Timeout
                ? PcscReaderStatesExtensions.Flags(state)
                : null;
        }
    }

    private void WaitForReaders(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var names = new List<string>();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_pcscd!.HasExited)
            {
                throw new InvalidOperationException($"pcscd exited with code {_pcscd.ExitCode}; see {LogPath}:\n{Tail()}");
            }

            if (PcscClient.Establish(out var context) == PcscResult.Success)
            {
                using (context)
                {
                    if (PcscClient.ListReaders(context, names) == PcscResult.Success && names.Contains(FirstReader) && names.Contains(SecondReader))
                    {
                        return;
                    }
                }
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"pcscd did not list '{FirstReader}' within {timeout}; see {LogPath}:\n{Tail()}");
    }

    private string Tail()
    {
        try
        {
            var lines = File.ReadAllLines(LogPath);
            return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 30)));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>
    /// pcscd refuses to start while /run/pcscd/pcscd.comm exists. A dead daemon's files are removed; a live daemon
    /// left by an earlier run of these tests (its command line names our config directory) is stopped; any other
    /// live pcscd is someone else's: fail and say so rather than kill it.
    /// </summary>
    private static void ClearStaleDaemon()
    {
        var pidFile = Path.Combine(RunDirectory, "pcscd.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && File.Exists($"/proc/{pid}/cmdline"))
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            if (!commandLine.Contains("pcscd", StringComparison.Ordinal))
            {
                // A recycled pid: the file is stale.
            }
            else if (commandLine.Contains(Marker, StringComparison.Ordinal))
            {
                using var orphan = Process.GetProcessById(pid);
                orphan.Kill();
                orphan.WaitForExit(10_000);
            }
            else
            {
                throw new InvalidOperationException(
                    $"another pcscd (pid {pid}: {commandLine.Trim()}) is running; stop it (e.g. systemctl stop pcscd.socket pcscd) before running the PC/SC tests");
            }
        }

        if (!Directory.Exists(RunDirectory))
        {
            return;
        }

        foreach (var stale in new[] { "pcscd.comm", "pcscd.pid", "pcscd.pub" })
        {
            File.Delete(Path.Combine(RunDirectory, stale));
        }
    }

    private static void EnsureInstalled()
    {
        var missing = !File.Exists(PcscdPath) || !File.Exists(VpcdDriver) || !LibraryPresent();
        if (!missing)
        {
            return;
        }

        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException(
                $"PC/SC tests need the Debian packages {Packages} (apt-get install -y {Packages}); they are missing and this user cannot install them");
        }

        var install = RunQuiet("apt-get", $"install -y {Packages}");
        if (install != 0)
        {
            RunQuiet("apt-get", "update");
            install = RunQuiet("apt-get", $"install -y {Packages}");
        }

        if (install != 0 || !File.Exists(PcscdPath) || !File.Exists(VpcdDriver))
        {
            throw new InvalidOperationException($"could not install {Packages} with apt-get (exit {install})");
        }
    }

    private static bool LibraryPresent() =>
        System.Runtime.InteropServices.NativeLibrary.TryLoad(PcscNative.Library, out var handle) && Free(handle);

    private static bool Free(nint handle)
    {
        System.Runtime.InteropServices.NativeLibrary.Free(handle);
        return true;
    }

    private static int RunQuiet(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { UseShellExecute = false };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    private static int FindFreePortPair()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var first = new TcpListener(IPAddress.Any, 0);
            first.Start();
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            if (port >= 65535)
            {
                continue;
            }

            try
            {
                using var second = new TcpListener(IPAddress.Any, port + 1);
                second.Start();
                second.Stop();
                first.Stop();
                return port;
            }
            catch (SocketException)
            {
                // Next port taken: try another pair.
            }
        }

        throw new InvalidOperationException("no free pair of TCP ports for vpcd");
    }
}
