using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Cli;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Hub.Tests.Support;

namespace Cybercantal.Edge.Hub.Tests.Admin;

public sealed class ApiKeyCommandLineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Creates_a_manager_key_printed_once_and_stored_hashed()
    {
        var store = _dir.File("hub.db");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = HubCommandLine.Run(["apikey", "create", "Murat manager", "--sites", "murat,allanche", "--store", store], output, error);

        Assert.Equal(0, code);
        var key = output.ToString().Trim();
        Assert.StartsWith(ApiKeyStore.Prefix, key, StringComparison.Ordinal);
        var caller = new ApiKeyStore(new HubDatabase(store), TimeProvider.System).Find(key);
        Assert.NotNull(caller);
        Assert.False(caller.IsAdmin);
        Assert.True(caller.CanSee("murat") && caller.CanSee("allanche") && !caller.CanSee("saint-flour"));
        Assert.DoesNotContain(key, File.ReadAllText(store, System.Text.Encoding.Latin1), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apikey create x")]
    [InlineData("apikey create x --admin --sites murat")]
    [InlineData("apikey create x --sites Murat!")]
    public void Bad_arguments_are_refused_with_a_reason(string commandLine)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = HubCommandLine.Run([.. commandLine.Split(' '), "--store", _dir.File("hub.db")], output, error);

        Assert.NotEqual(0, code);
        Assert.Empty(output.ToString());
        Assert.NotEmpty(error.ToString());
    }

    public void Dispose() => _dir.Dispose();
}
