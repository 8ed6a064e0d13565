using Cybercantal.Edge.Agent.Hosting;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Cli;

/// <summary><c>cybercantal-agent import --site FILE --data DIR SEEDFILE</c>: loads members and badges offline.</summary>
public static class ImportCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CommandArguments.Parse(args, flags: [], valueOptions: ["--site", "--data"]);
        if (parsed.Error is not null || parsed.Operands.Count != 1 || parsed.Value("--data") is null)
        {
            stderr.WriteLine($"cybercantal-agent import: {parsed.Error ?? "usage: import [--site FILE] --data DIR SEEDFILE"}");
            return 2;
        }

        if (parsed.Value("--site") is { } sitePath)
        {
            // Seeds name zones of a site: refuse to import against a site file that is itself broken.
            var site = SiteFileLoader.Load(sitePath);
            if (site.Configuration is null)
            {
                foreach (var diagnostic in site.Diagnostics)
                {
                    stderr.WriteLine(diagnostic.ToString());
                }

                return 1;
            }
        }

        var dataDirectory = Path.GetFullPath(parsed.Value("--data")!);
        Directory.CreateDirectory(dataDirectory);
        return Access.AccessImportCommand.Run(parsed.Operands[0], AgentRunSettings.AccessStorePathIn(dataDirectory), stdout, stderr);
    }
}
