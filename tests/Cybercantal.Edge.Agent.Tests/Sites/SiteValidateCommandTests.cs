using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;

namespace Cybercantal.Edge.Agent.Tests.Sites;

public sealed class SiteValidateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cybercantal-validate-").FullName;
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        _stdout.Dispose();
        _stderr.Dispose();
    }

    [Fact]
    public void No_files_prints_usage_and_exits_2()
    {
        var exitCode = SiteValidateCommand.Run([], _stdout, _stderr);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("usage: cybercantal-agent validate FILE...", _stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(_stdout.ToString());
    }

    [Fact]
    public void All_shipped_files_are_ok_and_exit_0()
    {
        var files = ShippedSiteFilesTests.Ids.Select(ShippedSiteFilesTests.SitePath).ToList();

        var exitCode = SiteValidateCommand.Run(files, _stdout, _stderr);

        Assert.Equal(0, exitCode);
        Assert.Empty(_stderr.ToString());
        Assert.Equal(files.Select(f => $"{f}: ok"), Lines(_stdout));
    }

    [Fact]
    public void Every_diagnostic_of_every_file_goes_to_stderr_and_exit_is_1()
    {
        var good = Write("good.yaml", SiteFileSnippets.Valid);
        var bad = Write("bad.yaml", SiteFileSnippets.Valid
            .Replace("unlockTime: 4s", "unlockTime: 0s", StringComparison.Ordinal)
            .Replace("timeZone: Europe/Paris", "timeZone: Europe/Pari", StringComparison.Ordinal));
        var missing = Path.Combine(_directory, "missing.yaml");

        var exitCode = SiteValidateCommand.Run([good, bad, missing], _stdout, _stderr);

        Assert.Equal(1, exitCode);
        Assert.Equal([$"{good}: ok"], Lines(_stdout));
        Assert.Equal(
            [
                $"{bad}:6:11: unknown time zone 'Europe/Pari'; did you mean 'Europe/Paris'?",
                $"{bad}:27:36: unlockTime of door 'porte-bureau-1' is 0: a grant would never open the door (typical: 5s)",
                $"{bad}: 2 problems",
                $"{missing}:0:0: file not found",
                $"{missing}: 1 problem",
            ],
            Lines(_stderr));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
