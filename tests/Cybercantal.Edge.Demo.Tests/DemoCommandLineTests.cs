namespace Cybercantal.Edge.Demo.Tests;

public sealed class DemoCommandLineTests
{
    [Fact]
    public void Defaults_play_at_60x_on_the_usual_ports()
    {
        var options = DemoCommandLine.Parse([], TextWriter.Null);

        Assert.NotNull(options);
        Assert.Equal(60, options.Speed);
        Assert.Null(options.MqttPort);
        Assert.Null(options.HttpPort);
        Assert.Equal(new TimeOnly(7, 30), options.StartTime);
    }

    [Fact]
    public void Switches_map_to_the_demo_section()
    {
        var options = DemoCommandLine.Parse(["--data", "/tmp/x", "--speed", "120", "--port", "0", "--http-port", "8080", "--seed", "7"], TextWriter.Null);

        Assert.NotNull(options);
        Assert.Equal("/tmp/x", options.DataDirectory);
        Assert.Equal(120, options.Speed);
        Assert.Equal(0, options.MqttPort);
        Assert.Equal(8080, options.HttpPort);
        Assert.Equal(7, options.Seed);
    }

    [Theory]
    [InlineData("--speed", "0", "--speed")]
    [InlineData("--speed", "100000", "--speed")]
    [InlineData("--port", "70000", "--port")]
    [InlineData("--speed", "fast", "Speed")]
    public void Bad_values_are_refused_naming_the_switch(string name, string value, string named)
    {
        var errors = new StringWriter();

        Assert.Null(DemoCommandLine.Parse([name, value], errors));
        Assert.Contains(named, errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_port_twice_is_refused()
    {
        var errors = new StringWriter();

        Assert.Null(DemoCommandLine.Parse(["--port", "5080", "--http-port", "5080"], errors));
        Assert.Contains("both 5080", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_the_usage()
    {
        var output = new StringWriter();

        Assert.Equal(0, await DemoCommandLine.RunAsync(["--help"], output, TextWriter.Null, CancellationToken.None));
        Assert.Contains("--speed", output.ToString(), StringComparison.Ordinal);
    }
}
