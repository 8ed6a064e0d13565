using System.Globalization;
using Cybercantal.Edge.Hub.Billing;
using Cybercantal.Edge.Hub.Retention;
using Cybercantal.Edge.Hub.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Hub.Cli;

/// <summary>
/// <c>cybercantal-hub retention run [--store PATH] [--now ISO-INSTANT]</c>: the same <see cref="RetentionRun"/>
/// as the daily <see cref="RetentionWorker"/> and <c>POST /api/billing/retention/run</c>, built directly (no web
/// host, no broker) on the store, with the <c>Hub:Billing</c> settings of the configuration. <c>--now</c> runs it
/// as of another instant (e.g. to catch up after an outage). Prints what it deleted and which months it
/// aggregated first. Exit codes: 0 done, 1 store or settings unusable, 2 bad arguments.
/// </summary>
public static class RetentionCommandLine
{
    public const string Usage = "usage: cybercantal-hub retention run [--store PATH] [--now ISO-INSTANT]";

    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "retention";

    /// <param name="configuration">The hub's configuration: default store path and <c>Hub:Billing</c> settings.</param>
    /// <param name="defaultStore">The store path from configuration, used without --store.</param>
    public static int Run(string[] args, IConfiguration configuration, string defaultStore, TextWriter output, TextWriter error)
    {
        if (args.Length < 2 || args[0] != "retention" || args[1] != "run")
        {
            error.WriteLine(Usage);
            return 2;
        }

        var store = defaultStore;
        TimeProvider time = TimeProvider.System;
        for (var i = 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--store" when i + 1 < args.Length:
                    store = args[++i];
                    break;
                case "--now" when i + 1 < args.Length:
                    if (!DateTimeOffset.TryParseExact(args[++i], InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var now))
                    {
                        error.WriteLine($"--now '{args[i]}' is not an ISO-8601 instant with its offset (e.g. 2026-05-01T00:00:00Z)");
                        error.WriteLine(Usage);
                        return 2;
                    }

                    time = new FixedTimeProvider(now);
                    break;
                default:
                    error.WriteLine($"unexpected argument '{args[i]}'");
                    error.WriteLine(Usage);
                    return 2;
            }
        }

        var options = new BillingOptions();
        configuration.GetSection(BillingOptions.Section).Bind(options);
        var validation = new BillingOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            error.WriteLine($"billing settings unusable: {validation.FailureMessage}");
            return 1;
        }

        // The hub store would be created empty by opening it: a missing file is a wrong path, not a store to make.
        if (!File.Exists(store))
        {
            error.WriteLine($"no hub store at '{store}' (give its path with --store)");
            return 1;
        }

        RetentionResult result;
        try
        {
            var database = new HubDatabase(store);
            var billing = new BillingService(database, time, Options.Create(options), NullLogger<BillingService>.Instance);
            result = new RetentionRun(billing, time, Options.Create(options), NullLogger<RetentionRun>.Instance).Run();
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine($"cannot use the hub store '{store}': {exception.Message}");
            return 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"retention run on {store} as of {time.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss'Z'} (keeping {options.RetentionMonths} months)"));
        output.WriteLine(result.MonthsClosed.Count == 0
            ? "months aggregated first: none"
            : $"months aggregated first: {string.Join(", ", result.MonthsClosed)}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"raw journal rows before {result.Cutoff.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} deleted: {result.Deleted}"));
        return 0;
    }
}
