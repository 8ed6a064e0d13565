using System.Device.Gpio;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Readers.Feedback;
using Cybercantal.Edge.Agent.Readers.Wiegand;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Tests.Readers.Wiegand;

public sealed class WiegandServiceCollectionExtensionsTests
{
    [Fact]
    public void Readers_and_feedback_are_built_from_the_container_with_configured_timing()
    {
        using var provider = Build(new() { ["Wiegand:FrameGap"] = "00:00:00.040" });

        Assert.Equal(TimeSpan.FromMilliseconds(40), provider.GetRequiredService<IOptions<WiegandTiming>>().Value.FrameGap);
        var reader = provider.GetRequiredService<WiegandReaderFactory>().Create(
            new ReaderConfiguration { Id = "allanche-entree", Kind = ReaderKind.Wiegand, WiegandD0Pin = 5, WiegandD1Pin = 6 },
            new RecordingBadgeReadSink());
        Assert.Equal("allanche-entree", reader.ReaderId);

        var factory = provider.GetRequiredService<ReaderFeedbackFactory>();
        Assert.Null(factory.Create(new ReaderConfiguration { Id = "pcsc", Kind = ReaderKind.Pcsc }));
        using var feedback = factory.Create(new ReaderConfiguration { Id = "w", Kind = ReaderKind.Wiegand, Feedback = new() { GreenLedPin = 17 } });
        Assert.True(feedback!.Has(FeedbackOutput.GreenLed));
    }

    [Fact]
    public void A_frame_gap_out_of_range_is_refused_at_start_naming_the_setting()
    {
        using var provider = Build(new() { ["Wiegand:FrameGap"] = "00:00:05" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WiegandTiming>>().Value);
        Assert.Contains("FrameGap", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(_ => new GpioController(new SimulatedGpioDriver()));
        services.AddWiegandReaders().AddReaderFeedback();
        return services.BuildServiceProvider();
    }
}
