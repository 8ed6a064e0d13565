using Cybercantal.Edge.Agent.Hosting;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Cli;

/// <summary><c>cybercantal-agent run</c>: validates the site file, then runs the centre until stopped.</summary>
public static class RunCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CommandArguments.Parse(args, flags: ["--simulate"], valueOptions: ["--site", "--data", "--seed"]);
        var sitePath = parsed.Value("--site");
        if (parsed.Error is not null || sitePath is null || parsed.Operands.Count > 0)
        {
            await stderr.WriteLineAsync($"cybercantal-agent run: {parsed.Error ?? (sitePath is null ? "--site FILE is required" : $"unexpected argument '{parsed.Operands[0]}'")}");
            return 2;
        }

        // The agent refuses to start on an invalid site file, with the same messages as `validate`.
        var site = SiteFileLoader.Load(sitePath);
        if (site.Configuration is null)
        {
            foreach (var diagnostic in site.Diagnostics)
            {
                await stderr.WriteLineAsync(diagnostic.ToString());
            }

            await stderr.WriteLineAsync($"cybercantal-agent: refusing to start: {sitePath} is not valid ({site.Diagnostics.Count} problem(s)).");
            return 1;
        }

        var simulate = parsed.Has("--simulate");
        var settings = new AgentRunSettings(
            site.Configuration,
            Simulate: simulate,
            DataDirectory: Path.GetFullPath(parsed.Value("--data") ?? (simulate ? "data" : "/var/lib/cybercantal")),
            SeedFile: parsed.Value("--seed"));

        if (settings.SeedFile is not null)
        {
            Directory.CreateDirectory(settings.DataDirectory);
            var imported = Access.AccessImportCommand.Run(settings.SeedFile, settings.AccessStorePath, stdout, stderr);
            if (imported != 0)
            {
                return imported;
            }
        }

        var builder = Host.CreateApplicationBuilder([.. parsed.Passthrough]);
        builder.AddAgent(settings);
        try
        {
            using var host = builder.Build();
            await host.RunAsync();
            return 0;
        }
        catch (OptionsValidationException exception)
        {
            await stderr.WriteLineAsync($"cybercantal-agent: invalid settings: {string.Join("; ", exception.Failures)}");
            return 1;
        }
        catch (Doors.DoorHardwareException exception)
        {
            await stderr.WriteLineAsync($"cybercantal-agent: cannot start: {exception.Message}");
            return 1;
        }
        catch (Journal.JournalStorageException exception)
        {
            await stderr.WriteLineAsync($"cybercantal-agent: cannot start: {exception.Message}");
            return 1;
        }
    }
}
