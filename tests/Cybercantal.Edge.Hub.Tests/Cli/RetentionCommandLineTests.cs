using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Billing;
using Cybercantal.Edge.Hub.Cli;
using Cybercantal.Edge.Hub.Tests.Billing;

namespace Cybercantal.Edge.Hub.Tests.Cli;

public sealed class RetentionCommandLineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Runs_the_retention_on_a_store_as_of_the_given_instant_and_says_what_it_did()
    {
        using var world = new BillingWorld(new DateTimeOffset(2026, 2, 2, 8, 0, 0, TimeSpan.Zero));
        world.Tariff(BillingItems.CopierPage, null, null, new DateOnly(2025, 1, 1), 8);
        for (var day = 1; day <= 28; day++)
        {
            var at = new DateTimeOffset(2026, 1, day, 9, 0, 0, TimeSpan.Zero);
            world.Access("ydes", "anne", at);
            world.Copier("ydes", "anne", at, "c1", day);
        }

        world.Copier("ydes", "anne", new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero), "c1", 3); // kept
        var (code, output, error) = Run("retention", "run", "--store", world.Database.Path, "--now", "2026-05-10T03:00:00Z");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("as of 2026-05-10T03:00:00Z (keeping 3 months)", output, StringComparison.Ordinal);
        Assert.Contains("months aggregated first: 2026-01, 2026-02", output, StringComparison.Ordinal);
        Assert.Contains("raw journal rows before 2026-02-10T03:00:00Z deleted: 56", output, StringComparison.Ordinal);
        Assert.Equal(1, world.JournalRows());
        // January was aggregated before its rows went: its statement is still there.
        Assert.Equal(Enumerable.Range(1, 28).Sum(), Assert.Single(world.Billing.Lines(ApiCaller.System, new BillingMonth(2026, 1), null)).QuantityNumerator);

        // Same run again: nothing left to delete or aggregate.
        (code, output, _) = Run("retention", "run", "--now", "2026-05-10T03:00:00+02:00", "--store", world.Database.Path);
        Assert.Equal(0, code);
        Assert.Contains("months aggregated first: none", output, StringComparison.Ordinal);
        Assert.Contains("deleted: 0", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("retention")]
    [InlineData("retention purge")]
    [InlineData("retention run --bogus")]
    [InlineData("retention run --store")]
    [InlineData("retention run --now")]
    [InlineData("retention run --now yesterday")]
    [InlineData("retention run --now 2026-05-10T03:00:00")] // no offset: which instant?
    [InlineData("retention run --now 2026-13-10T03:00:00Z")]
    public void Bad_arguments_print_the_usage_on_stderr_and_exit_2(string commandLine)
    {
        var (code, output, error) = Run([.. commandLine.Split(' '), "--store", _dir.File("hub.db")]);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains(RetentionCommandLine.Usage, error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("hub.db")));
    }

    [Fact]
    public void A_missing_store_is_a_clear_error_and_is_not_created()
    {
        var store = _dir.File("nowhere.db");

        var (code, output, error) = Run("retention", "run", "--store", store);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"no hub store at '{store}'", error, StringComparison.Ordinal);
        Assert.False(File.Exists(store));
    }

    [Fact]
    public void A_file_that_is_not_a_hub_store_is_a_clear_error()
    {
        var store = _dir.File("notes.db");
        File.WriteAllText(store, "these are not the rows you are looking for, this is a text file long enough to have a header\n");

        var (code, output, error) = Run("retention", "run", "--store", store);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"cannot use the hub store '{store}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_a_hub_command_next_to_the_others() =>
        Assert.True(HubCommandLine.IsCommand(["retention", "run"]) && HubCommandLine.IsCommand(["site", "set-credential"]) && HubCommandLine.IsCommand(["apikey", "create"]));

    public void Dispose() => _dir.Dispose();

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = HubCommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
