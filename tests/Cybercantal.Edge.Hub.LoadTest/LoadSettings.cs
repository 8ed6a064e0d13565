using System.Globalization;

namespace Cybercantal.Edge.Hub.LoadTest;

/// <summary>Command line: <c>--gateways N --records PER_GATEWAY --batch RECORDS --runs R</c>.</summary>
internal sealed record LoadSettings(int Gateways, int RecordsPerGateway, int BatchSize, int Runs)
{
    public static LoadSettings Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new LoadSettings(Get("--gateways", 16), Get("--records", 20_000), Get("--batch", 500), Get("--runs", 3));
    }

    public long TotalRecords => (long)Gateways * RecordsPerGateway;
}
