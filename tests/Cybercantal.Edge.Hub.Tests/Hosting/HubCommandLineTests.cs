using Cybercantal.Edge.Hub.Cli;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Hub.Tests.Support;

namespace Cybercantal.Edge.Hub.Tests.Hosting;

public sealed class HubCommandLineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Set_credential_stores_a_hash_that_verifies_and_never_prints_the_secret()
    {
        var secretFile = _dir.File("murat.secret");
        File.WriteAllText(secretFile, "a-long-enough-gateway-secret\n");
        var store = _dir.File("hub.db");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = HubCommandLine.Run(["site", "set-credential", "murat", "--from-file", secretFile, "--store", store], output, error);

        Assert.Equal(0, code);
        Assert.DoesNotContain("a-long-enough-gateway-secret", output.ToString() + error, StringComparison.Ordinal);
        var credentials = new SiteCredentialStore(new HubDatabase(store), TimeProvider.System);
        Assert.True(credentials.Verify("murat", "a-long-enough-gateway-secret"u8));
        Assert.False(credentials.Verify("murat", "a-long-enough-gateway-secreT"u8));
        Assert.DoesNotContain("a-long-enough-gateway-secret"u8.ToArray(), File.ReadAllBytes(store));
    }

    [Theory]
    [InlineData("Bad Site", "not a valid site id")]
    [InlineData("murat", "at least 16 characters")]
    public void Set_credential_refuses_bad_input_with_a_clear_message(string site, string message)
    {
        var secretFile = _dir.File("short.secret");
        File.WriteAllText(secretFile, site == "murat" ? "short\n" : "a-long-enough-gateway-secret\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = HubCommandLine.Run(["site", "set-credential", site, "--from-file", secretFile, "--store", _dir.File("hub.db")], output, error);

        Assert.Equal(1, code);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
