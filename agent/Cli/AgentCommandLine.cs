using System.Reflection;

namespace Cybercantal.Edge.Agent.Cli;

/// <summary>
/// The agent's command line: <c>run</c> (the service), <c>validate</c> (site files, like <c>nginx -t</c>),
/// <c>import</c> (seed members and badges) and maintenance commands. Hand-rolled: four verbs do not
/// justify a parsing framework on a gateway.
/// </summary>
public static class AgentCommandLine
{
    public const string Usage = """
        Cybercantal.Edge agent: access control and usage tracking for one telework centre.

        Usage:
          cybercantal-agent run --site FILE [--simulate] [--data DIR] [--seed FILE]
              Runs the centre described by FILE. --simulate uses the simulated GPIO driver and an
              interactive console to play the hardware (badges, doors, exit buttons, fire alarm).
              --data: where the access store and journal live (default /var/lib/cybercantal, or
              ./data with --simulate). --seed: import members/badges from FILE first.
          cybercantal-agent validate FILE...
              Checks site files; prints every problem as FILE:LINE:COLUMN: message. Exit 1 if any.
          cybercantal-agent import --site FILE --data DIR SEEDFILE
              Imports members, badges, rights, leases and bookings into the local access store.
          cybercantal-agent --version | --help

        Any other option is passed to the .NET configuration system (e.g. --Journal:FlushInterval=00:00:00.050).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var rest = args[1..];
        switch (args[0])
        {
            case "--version" or "version":
                await stdout.WriteLineAsync(typeof(AgentCommandLine).Assembly
                    .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
                return 0;
            case "run":
                return await RunCommand.RunAsync(rest, stdout, stderr);
            case "validate":
                return Sites.SiteValidateCommand.Run(rest, stdout, stderr);
            case "import":
                return ImportCommand.Run(rest, stdout, stderr);
            case "journal-stress":
                return await Journal.JournalStressCommand.RunAsync(rest);
            case "sync-stress":
                return await Sync.SyncStressCommand.RunAsync(rest);
            default:
                await stderr.WriteLineAsync($"cybercantal-agent: unknown command '{args[0]}'.");
                await stderr.WriteLineAsync(Usage);
                return 2;
        }
    }
}
