using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cybercantal.Edge.Agent.Tests.Support.Pn532;

/// <summary>
/// Two linked pseudo-terminals made by socat: the agent opens <see cref="AgentPath"/> as its serial port, the
/// PN532 emulator holds <see cref="CardPath"/>. <see cref="Kill"/> removes both device links like an unplugged USB
/// adapter; <see cref="Restart"/> brings them back. socat is stopped by its process id, never by name.
/// </summary>
public sealed class SocatPtyPair : IDisposable
{
    private static readonly Lock InstallGate = new();
    private static string? _socatPath;

    private readonly ConcurrentQueue<string> _stderr = new();
    private Process? _process;

    private SocatPtyPair(string directory) => Directory = directory;

    public string Directory { get; }

    public string AgentPath => Path.Combine(Directory, "ttyAgent");

    public string CardPath => Path.Combine(Directory, "ttyCard");

    public static SocatPtyPair Start()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cybercantal-pn532-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var pair = new SocatPtyPair(directory);
        try
        {
            pair.StartSocat();
            return pair;
        }
        catch
        {
            pair.Dispose();
            throw;
        }
    }

    /// <summary>Simulates unplugging: socat dies (SIGKILL), both pty ends close and the device links vanish.</summary>
    public void Kill()
    {
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                process.WaitForExit(5_000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
            _process = null;
        }

        // SIGKILL leaves socat no chance to unlink: remove the links as udev removes /dev/ttyUSB0.
        File.Delete(AgentPath);
        File.Delete(CardPath);
    }

    /// <summary>Plugs the "device" back: new ptys behind the same link paths.</summary>
    public void Restart()
    {
        Kill();
        StartSocat();
    }

    public void Dispose()
    {
        Kill();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private void StartSocat()
    {
        var start = new ProcessStartInfo(FindOrInstallSocat())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-d", "-d", $"pty,raw,echo=0,link={AgentPath}", $"pty,raw,echo=0,link={CardPath}" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("socat did not start.");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stderr.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;

        var ready = SpinWait.SpinUntil(() => process.HasExited || (File.Exists(AgentPath) && File.Exists(CardPath)), TimeSpan.FromSeconds(10));
        if (!ready || process.HasExited)
        {
            throw new InvalidOperationException(
                $"socat did not create {AgentPath} and {CardPath} within 10 s (exited: {process.HasExited}). stderr: {string.Join(" | ", _stderr)}");
        }
    }

    /// <summary>Finds socat; installs it with apt-get when running as root; otherwise fails (these tests never skip).</summary>
    private static string FindOrInstallSocat()
    {
        lock (InstallGate)
        {
            _socatPath ??= Find();
            if (_socatPath is not null)
            {
                return _socatPath;
            }

            if (!Environment.IsPrivilegedProcess)
            {
                throw new InvalidOperationException(
                    "socat is required by the PN532 serial tests and is not installed. Install it (Debian: 'sudo apt-get install -y socat') and run the tests again.");
            }

            if (!RunApt("install", "-y", "socat"))
            {
                RunApt("update");
                RunApt("install", "-y", "socat");
            }

            return _socatPath = Find()
                ?? throw new InvalidOperationException("socat is required by the PN532 serial tests; 'apt-get install -y socat' did not provide it.");
        }

        static string? Find() =>
            (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
                .Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Append("/usr/bin")
                .Select(directory => Path.Combine(directory, "socat"))
                .FirstOrDefault(File.Exists);
    }

    private static bool RunApt(params string[] arguments)
    {
        var start = new ProcessStartInfo("apt-get") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var apt = Process.Start(start) ?? throw new InvalidOperationException("apt-get did not start.");
        apt.StandardOutput.ReadToEnd();
        apt.StandardError.ReadToEnd();
        apt.WaitForExit();
        return apt.ExitCode == 0;
    }
}
