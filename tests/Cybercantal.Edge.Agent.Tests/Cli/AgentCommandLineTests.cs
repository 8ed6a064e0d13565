using Cybercantal.Edge.Agent.Cli;
using Cybercantal.Edge.Agent.Tests.Support;

namespace Cybercantal.Edge.Agent.Tests.Cli;

public sealed class AgentCommandLineTests
{
    private const string BrokenSite = """
        schemaVersion: 1
        id: saint-flour
        name: Cybercantal Saint-Flour
        commune: Saint-Flour
        timeZone: Europe/Pariss
        """;

    [Fact]
    public async Task Run_refuses_an_invalid_site_file_with_the_same_messages_as_validate()
    {
        using var directory = new TemporaryDirectory();
        var site = directory.File("broken.yaml");
        await File.WriteAllTextAsync(site, BrokenSite);
        var (validateCode, _, validateErrors) = await RunAsync("validate", site);

        var (runCode, _, runErrors) = await RunAsync("run", "--site", site, "--simulate", "--data", directory.File("data"));

        Assert.Equal(1, validateCode);
        Assert.Equal(1, runCode);
        // Every FILE:LINE:COLUMN diagnostic of validate, not its closing count.
        var problems = validateErrors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith(site + ":", StringComparison.Ordinal) && char.IsDigit(l[site.Length + 1])).ToList();
        Assert.Equal(5, problems.Count);
        Assert.All(problems, p => Assert.Contains(p, runErrors, StringComparison.Ordinal));
        Assert.Contains($"{site}:5:", runErrors, StringComparison.Ordinal);
        Assert.Contains("refusing to start", runErrors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory.File("data")), "nothing is created for a site that does not start");
    }

    [Fact]
    public async Task Validate_accepts_the_shipped_site_files()
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(RepositoryFiles.Find("firmware-config/sites/saint-flour.yaml"))!, "*.yaml");

        var (code, output, errors) = await RunAsync(["validate", .. files]);

        Assert.True(code == 0, errors);
        Assert.Equal(7, files.Length);
    }

    [Fact]
    public async Task Import_loads_the_sample_seed_and_refuses_a_missing_data_option()
    {
        using var directory = new TemporaryDirectory();
        var seed = RepositoryFiles.Find("samples/seed/saint-flour.yaml");

        var (missing, _, usage) = await RunAsync("import", seed);
        var (code, output, errors) = await RunAsync("import", "--site", RepositoryFiles.Find("firmware-config/sites/saint-flour.yaml"), "--data", directory.Path, seed);

        Assert.Equal(2, missing);
        Assert.Contains("--data DIR", usage, StringComparison.Ordinal);
        Assert.True(code == 0, errors);
        Assert.Contains("12 members", output, StringComparison.Ordinal);
        Assert.True(File.Exists(directory.File("access.db")));
    }

    [Theory]
    [InlineData(new string[0], 2)]
    [InlineData(new[] { "frobnicate" }, 2)]
    [InlineData(new[] { "--help" }, 0)]
    [InlineData(new[] { "run" }, 2)]
    [InlineData(new[] { "run", "--site" }, 2)]
    [InlineData(new[] { "run", "--site", "x.yaml", "--bogus" }, 2)]
    public async Task Bad_command_lines_get_usage_and_exit_code_2(string[] args, int expected)
    {
        var (code, output, errors) = await RunAsync(args);

        Assert.Equal(expected, code);
        Assert.NotEmpty(output + errors);
    }

    [Fact]
    public void Arguments_split_into_options_operands_and_configuration_overrides()
    {
        var parsed = CommandArguments.Parse(
            ["--site", "a.yaml", "--simulate", "--Journal:FlushInterval=00:00:00.050", "--Gpio:Driver", "libgpiod", "seed.yaml"],
            flags: ["--simulate"],
            valueOptions: ["--site"]);

        Assert.Null(parsed.Error);
        Assert.Equal("a.yaml", parsed.Value("--site"));
        Assert.True(parsed.Has("--simulate"));
        Assert.Equal(["seed.yaml"], parsed.Operands);
        Assert.Equal(["--Journal:FlushInterval=00:00:00.050", "--Gpio:Driver", "libgpiod"], parsed.Passthrough);
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await AgentCommandLine.RunAsync(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }
}
