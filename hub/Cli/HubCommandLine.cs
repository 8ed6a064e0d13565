using Cybercantal.Edge.Hub.Hosting;
using Cybercantal.Edge.Hub.Store;
using Microsoft.Extensions.Configuration;

namespace Cybercantal.Edge.Hub.Cli;

/// <summary>
/// Administrative commands run instead of the service:
/// <c>cybercantal-hub site set-credential SITE --from-file FILE [--store PATH]</c> and
/// <c>cybercantal-hub apikey create NAME (--admin | --sites SITE,...) [--store PATH]</c> and
/// <c>cybercantal-hub retention run [--store PATH] [--now ISO-INSTANT]</c>.
/// The secret is read from a file (first line) so it never appears in a process list or shell history.
/// </summary>
public static class HubCommandLine
{
    public const string Usage = "usage: cybercantal-hub site set-credential SITE --from-file FILE [--store PATH]";

    public static bool IsCommand(string[] args) =>
        (args.Length > 0 && args[0] == "site") || Admin.ApiKeyCommandLine.IsCommand(args) || RetentionCommandLine.IsCommand(args);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (Admin.ApiKeyCommandLine.IsCommand(args))
        {
            return Admin.ApiKeyCommandLine.Run(args, ConfiguredStorePath(), output, error);
        }

        if (RetentionCommandLine.IsCommand(args))
        {
            var configuration = Configuration();
            return RetentionCommandLine.Run(args, configuration, StorePath(configuration), output, error);
        }

        if (args.Length < 3 || args[0] != "site" || args[1] != "set-credential")
        {
            error.WriteLine(Usage);
            return 2;
        }

        var site = args[2];
        string? file = null;
        string? store = null;
        for (var i = 3; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--from-file" when i + 1 < args.Length:
                    file = args[++i];
                    break;
                case "--store" when i + 1 < args.Length:
                    store = args[++i];
                    break;
                default:
                    error.WriteLine($"unexpected argument '{args[i]}'");
                    error.WriteLine(Usage);
                    return 2;
            }
        }

        if (file is null)
        {
            error.WriteLine("--from-file is required");
            error.WriteLine(Usage);
            return 2;
        }

        store ??= ConfiguredStorePath();

        string secret;
        try
        {
            secret = File.ReadLines(file).FirstOrDefault()?.TrimEnd('\r', '\n') ?? string.Empty;
        }
        catch (IOException exception)
        {
            error.WriteLine($"cannot read the secret file '{file}': {exception.Message}");
            return 1;
        }
        catch (UnauthorizedAccessException exception)
        {
            error.WriteLine($"cannot read the secret file '{file}': {exception.Message}");
            return 1;
        }

        try
        {
            new SiteCredentialStore(new HubDatabase(store), TimeProvider.System).SetSecret(site, secret);
        }
        catch (ArgumentException exception)
        {
            error.WriteLine(exception.Message);
            return 1;
        }

        output.WriteLine($"credential of site '{site}' set in {store}");
        return 0;
    }

    private static string ConfiguredStorePath() => StorePath(Configuration());

    private static string StorePath(IConfiguration configuration) =>
        configuration.GetSection(HubOptions.Section).Get<HubOptions>()?.Store.Path ?? new HubStoreOptions().Path;

    private static IConfigurationRoot Configuration() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
}
