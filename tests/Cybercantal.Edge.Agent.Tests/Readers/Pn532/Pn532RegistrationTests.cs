using Cybercantal.Edge.Agent.Readers;
using Cybercantal.Edge.Agent.Readers.Pn532;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support.Pn532;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Tests.Readers.Pn532;

public sealed class Pn532RegistrationTests
{
    [Fact]
    public void Factory_builds_readers_with_bound_options()
    {
        using var provider = Build(new() { ["Readers:Pn532:PollInterval"] = "00:00:00.150" });

        var reader = provider.GetRequiredService<Pn532ReaderFactory>()
            .Create(new ReaderConfiguration { Id = "murat-entree", Kind = ReaderKind.Pn532, Device = "/dev/ttyAMA0" });

        Assert.Equal("murat-entree", reader.ReaderId);
        Assert.Equal(TimeSpan.FromMilliseconds(150), provider.GetRequiredService<IOptions<Pn532ReaderOptions>>().Value.PollInterval);
    }

    [Fact]
    public void Invalid_timings_are_rejected_naming_the_setting()
    {
        using var provider = Build(new() { ["Readers:Pn532:EmptyPollsToRelease"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Pn532ReaderOptions>>().Value);

        Assert.Contains("EmptyPollsToRelease", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_without_device_is_refused_naming_it()
    {
        using var provider = Build([]);

        var error = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<Pn532ReaderFactory>()
            .Create(new ReaderConfiguration { Id = "ydes-copieur", Kind = ReaderKind.Pn532 }));

        Assert.Contains("ydes-copieur", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<IBadgeReadSink>(new Pn532RecordingSink());
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddPn532Readers();
        return services.BuildServiceProvider();
    }
}
