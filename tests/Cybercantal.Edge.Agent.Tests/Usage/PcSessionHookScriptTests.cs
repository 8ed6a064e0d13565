using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Agent.Usage.Pcs;
using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Agent.Tests.Usage;

/// <summary>
/// The shipped hook scripts (deploy/hooks) against a real <see cref="PcSessionEndpoint"/> on a free loopback
/// port: the PAM hook through libpam (pamtester + pam_exec), the Windows hook in a hosted PowerShell, the
/// logind watcher with a stand-in loginctl. In the process-environment collection: PowerShell's $env: is the
/// process environment.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class PcSessionHookScriptTests : IAsyncLifetime, IDisposable
{
    // Only a guard against a hung test: every wait ends on the record arriving or the process exiting.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    // A member of the test store (UsageTestSite); the PAM hook only reports accounts with a uid >= 1000.
    private const string PamMember = "SF-003";

    private readonly PcEndpointHarness _pc = new();

    public Task InitializeAsync() => _pc.StartAsync();

    public Task DisposeAsync() => _pc.StopAsync();

    public void Dispose() => _pc.Dispose();

    [Fact]
    public async Task Pamtester_open_session_close_session_through_pam_exec_reports_a_session_start_then_its_end()
    {
        Assert.True(Environment.IsPrivilegedProcess, "This test needs root: it writes a PAM service file into /etc/pam.d and creates the member account SF-003 (CI runs the suite as root).");
        var pamtester = FindExecutable("pamtester")
            ?? throw new InvalidOperationException("pamtester is not installed: apt-get install pamtester (build/test.sh installs it when run as root).");
        var createdAccount = await EnsureMemberAccountAsync(PamMember);
        var service = "cybercantal-test-" + Guid.NewGuid().ToString("N")[..12];
        var serviceFile = Path.Combine("/etc/pam.d", service);
        try
        {
            // pam_exec hands the script the PAM environment only: pam_env puts the hook's settings file there.
            var conf = _pc.Data.File("pc-session.conf");
            await File.WriteAllTextAsync(conf, $"CYBERCANTAL_GATEWAY={_pc.Gateway}\nCYBERCANTAL_PC_ID=pc-os-01\n");
            var environment = _pc.Data.File("pam-environment");
            await File.WriteAllTextAsync(environment, $"CYBERCANTAL_PC_SESSION_CONF={conf}\n");
            var hook = RepositoryFiles.Find("deploy/hooks/cybercantal-pc-session.sh");
            await File.WriteAllTextAsync(serviceFile,
                $"session required pam_env.so readenv=1 user_readenv=0 envfile={environment}\n" +
                $"session optional pam_exec.so log={_pc.Data.File("pam_exec.log")} {hook}\n");

            // One pamtester run, as a display manager does: one PAM handle opens then closes the session (pam_env
            // fills the environment at open_session only, so the close must come through the same handle).
            var (exit, output) = await RunAsync(pamtester, ["-v", service, PamMember, "open_session", "close_session"]);
            var log = ReadIfExists(_pc.Data.File("pam_exec.log"));
            Assert.True(exit == 0, $"pamtester exited {exit}: {output} {log}");
            var started = Assert.Single(_pc.Journal.OfKind(JournalRecordKind.PcSessionStarted));
            Assert.Equal(("pc-os-01", PamMember), (started.DoorId, started.MemberId));
            var ended = Assert.Single(_pc.Journal.OfKind(JournalRecordKind.PcSessionEnded));
            Assert.Equal(("pc-os-01", PamMember, "logout"), (ended.DoorId, ended.MemberId, UsageDetail.Parse(ended.Detail)["reason"]));
            Assert.True(_pc.Journal.Entries.ToList().IndexOf(started) < _pc.Journal.Entries.ToList().IndexOf(ended), "the end was journaled before the start");
            Assert.Empty(_pc.Tracker.OpenSessions);

            // A system account (root) opens no member session.
            (exit, _) = await RunAsync(pamtester, [service, "root", "open_session", "close_session"]);
            Assert.Equal(0, exit);
            Assert.Single(_pc.Journal.OfKind(JournalRecordKind.PcSessionStarted));
        }
        finally
        {
            File.Delete(serviceFile);
            if (createdAccount)
            {
                await RunAsync("userdel", [PamMember]);
            }
        }
    }

    [Fact]
    public void The_windows_hook_reports_a_logon_and_a_logoff_from_a_hosted_powershell()
    {
        using var environment = new EnvironmentOverride(("CYBERCANTAL_GATEWAY", _pc.Gateway), ("CYBERCANTAL_PC_ID", "pc-os-02"));

        Assert.Equal(0, RunPowerShellHook("start", "SF-001"));
        var started = Assert.Single(_pc.Journal.OfKind(JournalRecordKind.PcSessionStarted));
        Assert.Equal(("pc-os-02", "SF-001"), (started.DoorId, started.MemberId));
        _pc.Time.Advance(TimeSpan.FromMinutes(7));

        Assert.Equal(0, RunPowerShellHook("end", "SF-001"));

        var ended = Assert.Single(_pc.Journal.OfKind(JournalRecordKind.PcSessionEnded));
        Assert.Equal(("logout", "420"), (UsageDetail.Parse(ended.Detail)["reason"], UsageDetail.Parse(ended.Detail)["seconds"]));
        Assert.Empty(_pc.Tracker.OpenSessions);
    }

    [Fact]
    public void The_windows_hook_ignores_administrators_and_never_fails_a_logon_when_the_gateway_is_down()
    {
        using (new EnvironmentOverride(("CYBERCANTAL_GATEWAY", _pc.Gateway), ("CYBERCANTAL_PC_ID", "pc-os-02")))
        {
            Assert.Equal(0, RunPowerShellHook("start", "Administrateur"));
            Assert.Empty(_pc.Journal.Entries);
        }

        using (new EnvironmentOverride(("CYBERCANTAL_GATEWAY", $"http://127.0.0.1:{PcEndpointHarness.FreePort()}"), ("CYBERCANTAL_PC_ID", "pc-os-02")))
        {
            Assert.Equal(0, RunPowerShellHook("start", "SF-001"));
        }

        Assert.Empty(_pc.Journal.Entries);
    }

    [Fact]
    public async Task The_logind_watcher_reports_sessions_appearing_and_disappearing_in_loginctl()
    {
        // A stand-in loginctl answering from a file: the watcher only reads list-sessions and show-session.
        var bin = Directory.CreateDirectory(_pc.Data.File("bin")).FullName;
        var sessions = _pc.Data.File("sessions");
        await File.WriteAllTextAsync(sessions, "c1 0 gdm seat0 user-less\n");
        var loginctl = Path.Combine(bin, "loginctl");
        await File.WriteAllTextAsync(loginctl, $$"""
            #!/bin/sh
            # list-sessions --no-legend | show-session ID -p Name|Class --value
            case "$1" in
              list-sessions) cat '{{sessions}}' ;;
              show-session)
                line=$(grep "^$2 " '{{sessions}}') || exit 1
                case "$4" in Name) echo "$line" | awk '{print $3}' ;; Class) echo "$line" | awk '{print $5}' ;; esac ;;
            esac
            """.Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal(0, (await RunAsync("chmod", ["700", loginctl])).Exit);
        var conf = _pc.Data.File("pc-session.conf");
        await File.WriteAllTextAsync(conf, $"CYBERCANTAL_GATEWAY={_pc.Gateway}\nCYBERCANTAL_PC_ID=pc-os-02\n");

        var start = new ProcessStartInfo("sh") { ArgumentList = { RepositoryFiles.Find("deploy/hooks/cybercantal-logind-watch.sh") }, RedirectStandardError = true };
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["TMPDIR"] = _pc.Data.Path;
        start.Environment["CYBERCANTAL_HOOK"] = RepositoryFiles.Find("deploy/hooks/cybercantal-pc-session.sh");
        start.Environment["CYBERCANTAL_PC_SESSION_CONF"] = conf;
        start.Environment["CYBERCANTAL_LOGIND_POLL"] = "0.1";
        using var watcher = Process.Start(start)!;
        try
        {
            await File.WriteAllTextAsync(sessions, "c1 0 gdm seat0 greeter\n3 1001 SF-002 seat0 user\n");
            Assert.True(SpinWait.SpinUntil(() => _pc.Journal.OfKind(JournalRecordKind.PcSessionStarted).Count == 1, Guard), "no session start reported");
            Assert.Equal("SF-002", Assert.Single(_pc.Journal.OfKind(JournalRecordKind.PcSessionStarted)).MemberId);

            await File.WriteAllTextAsync(sessions, "c1 0 gdm seat0 greeter\n");
            Assert.True(SpinWait.SpinUntil(() => _pc.Journal.OfKind(JournalRecordKind.PcSessionEnded).Count == 1, Guard), "no session end reported");
            Assert.Equal("logout", UsageDetail.Parse(Assert.Single(_pc.Journal.OfKind(JournalRecordKind.PcSessionEnded)).Detail)["reason"]);

            // The greeter session (class greeter) was never reported.
            Assert.Single(_pc.Journal.OfKind(JournalRecordKind.PcSessionStarted));
        }
        finally
        {
            watcher.Kill(entireProcessTree: true);
            await watcher.WaitForExitAsync();
        }
    }

    private int RunPowerShellHook(string hookEvent, string member)
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var shell = PowerShell.Create(runspace);
        shell.AddCommand(RepositoryFiles.Find("deploy/hooks/Cybercantal-PcSession.ps1"))
            .AddParameter("Event", hookEvent)
            .AddParameter("Member", member);
        shell.Invoke();

        // Not HadErrors: it is also set by errors the script catches itself (a gateway that is down).
        Assert.True(shell.Streams.Error.Count == 0, string.Join("; ", shell.Streams.Error.Select(e => e.ToString())));
        shell.Commands.Clear();
        var exit = shell.AddScript("$LASTEXITCODE").Invoke();
        return Convert.ToInt32(exit.Single().BaseObject, CultureInfo.InvariantCulture);
    }

    private static async Task<bool> EnsureMemberAccountAsync(string member)
    {
        if ((await RunAsync("id", ["-u", member])).Exit == 0)
        {
            return false;
        }

        var (exit, output) = await RunAsync("useradd", ["--no-create-home", "--no-user-group", "--shell", "/usr/sbin/nologin", "--comment", "cybercantal hook test", member]);
        Assert.True(exit == 0, $"useradd {member} failed ({exit}): {output}");
        return true;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Guard);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static string? FindExecutable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Append("/usr/bin")
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static string ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;

    /// <summary>Sets process environment variables for the hosted PowerShell and restores them on dispose.</summary>
    private sealed class EnvironmentOverride : IDisposable
    {
        private readonly (string Name, string? Previous)[] _previous;

        public EnvironmentOverride(params (string Name, string Value)[] values)
        {
            _previous = [.. values.Select(v => (v.Name, Environment.GetEnvironmentVariable(v.Name)))];
            foreach (var (name, value) in values)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, previous) in _previous)
            {
                Environment.SetEnvironmentVariable(name, previous);
            }
        }
    }
}
