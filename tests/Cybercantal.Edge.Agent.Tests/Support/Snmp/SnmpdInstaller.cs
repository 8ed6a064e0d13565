using System.Diagnostics;

namespace Cybercantal.Edge.Agent.Tests.Support.Snmp;

/// <summary>Makes sure net-snmp's snmpd is installed: apt-get when root, otherwise a failure naming the packages (never a skip).</summary>
public static class SnmpdInstaller
{
    public const string SnmpdPath = "/usr/sbin/snmpd";
    public const string Packages = "snmpd snmp";
    private static readonly Lock Gate = new();

    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (File.Exists(SnmpdPath))
            {
                return;
            }

            if (Environment.UserName != "root")
            {
                throw new InvalidOperationException(
                    $"SNMP tests need net-snmp's snmpd ({SnmpdPath}); install it with: sudo apt-get install -y {Packages}");
            }

            var install = Run($"-o DPkg::Lock::Timeout=300 install -y {Packages}");
            if (install != 0)
            {
                Run("-o DPkg::Lock::Timeout=300 update");
                install = Run($"-o DPkg::Lock::Timeout=300 install -y {Packages}");
            }

            if (install != 0 || !File.Exists(SnmpdPath))
            {
                throw new InvalidOperationException($"could not install {Packages} with apt-get (exit {install}); SNMP tests need {SnmpdPath}");
            }
        }
    }

    private static int Run(string arguments)
    {
        var start = new ProcessStartInfo("apt-get", arguments) { UseShellExecute = false };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
