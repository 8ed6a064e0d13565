namespace Cybercantal.Edge.Agent.Sites;

/// <summary>
/// <c>cybercantal-agent validate FILE...</c>: checks site files the way <c>nginx -t</c> checks its
/// configuration, so a change can be verified before it is deployed to a centre's gateway.
/// </summary>
public static class SiteValidateCommand
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    /// <summary>
    /// Prints every diagnostic of every file on <paramref name="stderr"/> and "FILE: ok" on
    /// <paramref name="stdout"/> for each valid file. Returns 0 when all are valid, 1 otherwise, 2 without files.
    /// </summary>
    public static int Run(IReadOnlyList<string> files, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (files.Count == 0)
        {
            stderr.WriteLine("usage: cybercantal-agent validate FILE...");
            stderr.WriteLine("Checks site files (firmware-config/sites/*.yaml) and prints every problem as FILE:LINE:COLUMN: message.");
            stderr.WriteLine("Exit status: 0 all files valid, 1 some file has problems, 2 usage error.");
            return Usage;
        }

        var allValid = true;
        foreach (var file in files)
        {
            var result = SiteFileLoader.Load(file);
            foreach (var diagnostic in result.Diagnostics)
            {
                stderr.WriteLine(diagnostic.ToString());
            }

            if (result.IsValid)
            {
                stdout.WriteLine($"{file}: ok");
            }
            else
            {
                allValid = false;
                stderr.WriteLine($"{file}: {result.Diagnostics.Count} problem{(result.Diagnostics.Count == 1 ? "" : "s")}");
            }
        }

        return allValid ? Valid : Invalid;
    }
}
