using Cybercantal.Edge.Hub.Tests.Support;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Hub.Tests.Hosting;

public sealed class HubOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData("Hub:Mqtt:Port", "70000", "Hub:Mqtt:Port 70000")]
    [InlineData("Hub:Mqtt:BindAddress", "localhost-ish", "Hub:Mqtt:BindAddress")]
    [InlineData("Hub:Store:Path", "/nonexistent-dir/hub.db", "/nonexistent-dir")]
    public async Task A_bad_setting_stops_the_hub_at_start_naming_the_setting(string key, string value, string message)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            RunningHub.StartAsync(_dir.File("hub.db"), settings: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task External_mode_without_a_broker_uri_or_password_file_does_not_start()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            RunningHub.StartAsync(_dir.File("hub.db"), settings: new Dictionary<string, string?> { ["Hub:Mqtt:Mode"] = "External" }));

        Assert.Contains("Hub:Mqtt:ExternalUri", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Hub:Mqtt:ExternalPasswordFile", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
