using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Demo;

/// <summary><c>cybercantal-demo [--data DIR] [--speed N] [--port P] [--http-port H] [--seed S]</c>.</summary>
public static class DemoCommandLine
{
    public const string Usage = """
        cybercantal-demo: the hub and the five open centres, simulated, with a centre day in accelerated time.
        Usage: cybercantal-demo [--data DIR] [--speed N] [--port P] [--http-port H] [--seed S]
          --data DIR       hub store, journals and access stores (default artifacts/demo)
          --speed N        times faster than real time, 1-3600 (default 60: a centre day in about 12 minutes)
          --port P         embedded MQTT broker port (default 1883, or a free port if taken; 0 = any free port)
          --http-port H    hub HTTP API port (default 5080, or a free port if taken; 0 = any free port)
          --seed S         seed of the generated members and day (default 2026)
        Any setting also as --Demo:Key=value (Demo:StartTime=07:30, Demo:Traffic=false). Ctrl+C stops.
        """;

    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--data"] = "Demo:DataDirectory",
        ["--speed"] = "Demo:Speed",
        ["--port"] = "Demo:MqttPort",
        ["--http-port"] = "Demo:HttpPort",
        ["--seed"] = "Demo:Seed",
    };

    /// <summary>Reads and validates the options; on a problem writes it to <paramref name="stderr"/> and returns null.</summary>
    public static DemoOptions? Parse(string[] args, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var configuration = new ConfigurationBuilder().AddCommandLine(args, Switches).Build();
            var services = new ServiceCollection();
            services.AddOptionsWithValidateOnStart<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName));
            services.AddSingleton<IValidateOptions<DemoOptions>, DemoOptionsValidator>();
            using var provider = services.BuildServiceProvider();
            return provider.GetRequiredService<IOptions<DemoOptions>>().Value;
        }
        catch (OptionsValidationException exception)
        {
            stderr.WriteLine($"cybercantal-demo: invalid settings: {string.Join("; ", exception.Failures)}");
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException)
        {
            // A switch without its value, or a value of the wrong type (--speed fast).
            stderr.WriteLine($"cybercantal-demo: {exception.Message}{(exception.InnerException is { } inner ? " " + inner.Message : string.Empty)}");
        }

        stderr.WriteLine(Usage);
        return null;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        if (args.Any(a => a is "--help" or "-h" or "help"))
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        if (Parse(args, stderr) is not { } options)
        {
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            })
            .SetMinimumLevel(LogLevel.Information));
        DemoRun run;
        try
        {
            run = await DemoRun.StartAsync(options, stdout, loggerFactory, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 130;
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or OptionsValidationException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"cybercantal-demo: cannot start: {exception.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (run.ConfigureAwait(false))
        {
            var api = run.StatusUri;
            _ = run.FirstEventsVisible.ContinueWith(
                t => run.Feed.Say(string.Create(CultureInfo.InvariantCulture, $"-- every centre's journal is reaching the hub ({t.Result.TotalSeconds:0.0} s after start): curl {api}")),
                CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            _ = run.TrafficDone.ContinueWith(
                _ => run.Feed.Say("-- the centres' day is over; the hub and agents keep running until Ctrl+C."),
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            var summaries = await run.StopAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
            foreach (var summary in summaries)
            {
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{summary.Site,-14} {summary.StepsPlayed,4} moves, journal {summary.JournalHeadAfterStop} records, hub committed {summary.HubCommittedAtDrain} (the shutdown records follow at the next start)")).ConfigureAwait(false);
            }

            await stdout.WriteLineAsync($"Doors locked, journals flushed. Data kept in {run.DataDirectory}.").ConfigureAwait(false);
        }

        return 0;
    }
}
