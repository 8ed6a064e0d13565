using System.Diagnostics;
using System.Net.Sockets;

namespace Cybercantal.Edge.Testing;

/// <summary>
/// A real mosquitto 2.0 on a free loopback port, with a password file and an ACL giving the hub the whole
/// tree and each gateway (user = site id) its own subtree. Installed with apt-get when missing and root;
/// otherwise the tests fail with the command to run. Stopped by process id.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    public const string HubUser = "hub";
    public const string HubPassword = "hub-secret-for-tests-0001";
    public const string GatewayPassword = "correct-horse-battery-staple";

    private readonly TempDirectory _dir = new();
    private readonly string _config;
    private Process _process;

    /// <summary>A broker knowing exactly these gateways (site ids, each with the gateway password).</summary>
    public static MosquittoBroker ForSites(IReadOnlyList<string> sites) => new(sites);

    /// <summary>A broker knowing the gateways of the hub and sync test suites (xunit class fixtures need this constructor).</summary>
    public MosquittoBroker()
        : this(["murat", "allanche", "ydes", "saint-flour", "backlog", "killed", "hub-restart", "status", "hub-state", "unit"])
    {
    }

    private MosquittoBroker(IReadOnlyList<string> sites)
    {
        var mosquitto = Locate("mosquitto") ?? Install();
        var passwd = Locate("mosquitto_passwd") ?? throw new InvalidOperationException("mosquitto_passwd is missing: apt-get install -y mosquitto");
        Port = FreePort.Next();
        var passwordFile = _dir.File("passwd");
        Run(passwd, "-b", "-c", passwordFile, HubUser, HubPassword);
        foreach (var site in sites)
        {
            Run(passwd, "-b", passwordFile, site, GatewayPassword);
        }

        var aclFile = _dir.File("acl");
        File.WriteAllText(aclFile, """
            user hub
            topic readwrite cybercantal/#

            pattern read cybercantal/v1/hub/state
            pattern readwrite cybercantal/v1/sites/%u/#

            """);
        HubPasswordFile = _dir.File("hub-password");
        File.WriteAllText(HubPasswordFile, HubPassword + "\n");
        var config = _dir.File("mosquitto.conf");
        File.WriteAllText(config, $"""
            listener {Port} 127.0.0.1
            allow_anonymous false
            password_file {passwordFile}
            acl_file {aclFile}
            persistence false
            max_inflight_messages 100
            max_queued_messages 100000
            {(Environment.UserName == "root" ? "user root" : string.Empty)}

            """);
        _config = config;
        _mosquitto = mosquitto;
        _process = Launch();
    }

    private readonly string _mosquitto;

    /// <summary>Kills the broker (as a crash would); <see cref="Restart"/> brings it back on the same port.</summary>
    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
    }

    public void Restart()
    {
        Stop();
        _process.Dispose();
        _process = Launch();
    }

    private Process Launch()
    {
        var process = Process.Start(new ProcessStartInfo(_mosquitto, ["-c", _config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        WaitForListener(process);
        return process;
    }

    public int Port { get; }

    public string Uri => $"mqtt://127.0.0.1:{Port}";

    public string HubPasswordFile { get; }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        finally
        {
            _process.Dispose();
            _dir.Dispose();
        }
    }

    private void WaitForListener(Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited at start with code {process.ExitCode}");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet: mosquitto is still starting.
                Thread.Sleep(20);
            }
        }

        throw new TimeoutException($"mosquitto did not listen on 127.0.0.1:{Port} within 10 s");
    }

    private static string? Locate(string name) =>
        new[] { "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin" }
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);

    private static string Install()
    {
        if (Environment.UserName != "root" || Locate("apt-get") is null)
        {
            throw new InvalidOperationException(
                "mosquitto is not installed and the tests cannot install it (not root or no apt-get): run 'sudo apt-get install -y mosquitto mosquitto-clients'");
        }

        Run("/usr/bin/apt-get", "-o", "DPkg::Lock::Timeout=300", "install", "-y", "mosquitto", "mosquitto-clients");
        return Locate("mosquitto") ?? throw new InvalidOperationException("apt-get install mosquitto did not provide /usr/sbin/mosquitto");
    }

    private static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments.Where(a => a != HubPassword && a != GatewayPassword))} failed ({process.ExitCode}): {error.Result}");
        }
    }
}
