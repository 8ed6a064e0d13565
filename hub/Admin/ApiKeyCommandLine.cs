using Cybercantal.Edge.Hub.Store;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// <c>cybercantal-hub apikey create NAME (--admin | --sites SITE[,SITE...]) [--store PATH]</c>: creates an admin
/// API key (the first one can only be made this way) or a manager key, and prints it once on standard output.
/// </summary>
public static class ApiKeyCommandLine
{
    public const string Usage = "usage: cybercantal-hub apikey create NAME (--admin | --sites SITE[,SITE...]) [--store PATH]";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "apikey";

    /// <param name="defaultStore">The store path from configuration, used without --store.</param>
    public static int Run(string[] args, string defaultStore, TextWriter output, TextWriter error)
    {
        if (args.Length < 3 || args[0] != "apikey" || args[1] != "create")
        {
            error.WriteLine(Usage);
            return 2;
        }

        var name = args[2];
        var admin = false;
        string[]? sites = null;
        var store = defaultStore;
        for (var i = 3; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--admin":
                    admin = true;
                    break;
                case "--sites" when i + 1 < args.Length:
                    sites = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
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

        if (admin == (sites is not null))
        {
            error.WriteLine("give either --admin or --sites");
            error.WriteLine(Usage);
            return 2;
        }

        try
        {
            var (view, key) = new ApiKeyStore(new HubDatabase(store), TimeProvider.System).Create(name, admin, sites);
            error.WriteLine($"API key '{view.Name}' (id {view.Id}, {(admin ? "admin" : "manager of " + string.Join(", ", view.Sites))}) created in {store}; it is shown only now:");
            output.WriteLine(key);
            return 0;
        }
        catch (AdminException exception)
        {
            error.WriteLine(exception.Message);
            return 1;
        }
    }
}
