using System.Device.Gpio;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Doors;
using Cybercantal.Edge.Agent.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Tests.Gpio;

public sealed class GpioControllerFactoryTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Simulated_driver_is_the_shared_instance()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = GpioControllerFactory.Create(new GpioOptions { Driver = GpioOptions.Simulated }, 0, () => driver, NullLogger.Instance);

        controller.OpenPin(17, PinMode.Output, PinValue.Low);
        Assert.True(driver.IsOpen(17));
    }

    [Fact]
    public void Unknown_driver_is_a_clear_error()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            GpioControllerFactory.Create(new GpioOptions { Driver = "sysfs" }, 0, () => new SimulatedGpioDriver(), NullLogger.Instance));
        Assert.Contains("Unknown GPIO driver 'sysfs' (Gpio:Driver)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_with_an_unknown_driver_fail_validation()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddGpio(Configuration(("Gpio:Driver", "sysfs")));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GpioOptions>>().Value);
        Assert.Contains("Driver", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDoors_runs_the_site_doors_on_the_simulated_driver()
    {
        using var rig = new DoorRig(autoStart: false);
        var journal = new RecordingJournal();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(rig.Site);
        builder.Services.AddSingleton<IJournal>(journal);
        builder.Services.AddDoors(Configuration(("Gpio:Driver", "simulated")));
        using var host = builder.Build();

        await host.StartAsync();
        var driver = host.Services.GetRequiredService<SimulatedGpioDriver>();
        var doors = host.Services.GetRequiredService<DoorSystem>();
        Assert.True(driver.IsOpen(DoorRig.EntreeStrike));
        Assert.True(doors.Find("entree")!.Grant());
        Assert.Equal(PinValue.High, driver.LevelOf(DoorRig.EntreeStrike));

        await host.StopAsync();
        Assert.Equal(PinValue.Low, driver.WritesTo(DoorRig.EntreeStrike)[^1].Value);
        Assert.False(driver.IsOpen(DoorRig.EntreeStrike));
    }
}
