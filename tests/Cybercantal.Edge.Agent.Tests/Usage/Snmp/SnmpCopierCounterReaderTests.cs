using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Tests.Support.Snmp;
using Cybercantal.Edge.Agent.Usage.Copiers;
using Cybercantal.Edge.Agent.Usage.Snmp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Tests.Usage.Snmp;

[Collection(SnmpdCollection.Name)]
public sealed class SnmpCopierCounterReaderTests(SnmpdFixture fixture)
{
    private readonly SnmpdProcess _snmpd = fixture.Snmpd;

    [Theory]
    [InlineData(SnmpVersion.V1)]
    [InlineData(SnmpVersion.V2c)]
    public async Task Reads_page_count_and_printer_status_from_snmpd(SnmpVersion version)
    {
        _snmpd.SetCounter(123_456);
        _snmpd.SetStatus(4);

        var reading = await Reader(version).ReadAsync(Copier(_snmpd.Address), CancellationToken.None);

        Assert.Equal(new CopierReading(123_456, 4, null), reading);
        _snmpd.SetStatus(3);
    }

    [Theory]
    [InlineData(SnmpVersion.V1)]
    [InlineData(SnmpVersion.V2c)]
    public async Task A_copier_without_printer_status_still_gives_its_counter(SnmpVersion version)
    {
        _snmpd.SetCounter(77);
        _snmpd.RemoveStatus();
        try
        {
            var reading = await Reader(version).ReadAsync(Copier(_snmpd.Address), CancellationToken.None);

            Assert.Equal(new CopierReading(77, null, null), reading);
        }
        finally
        {
            _snmpd.SetStatus(3);
        }
    }

    [Theory]
    [InlineData(SnmpVersion.V1, "noSuchName (error-index 1)")]
    [InlineData(SnmpVersion.V2c, "prtMarkerLifeCount (1.3.6.1.2.1.43.10.2.1.4.1.1): noSuchInstance")]
    public async Task A_copier_without_page_counter_is_unmeasured_with_the_reason(SnmpVersion version, string expected)
    {
        _snmpd.RemoveCounter();
        try
        {
            var reading = await Reader(version).ReadAsync(Copier(_snmpd.Address), CancellationToken.None);

            Assert.Null(reading.PageCount);
            Assert.False(reading.Answered);
            Assert.Contains(expected, reading.Error, StringComparison.Ordinal);
        }
        finally
        {
            _snmpd.SetCounter(1);
        }
    }

    [Fact]
    public async Task A_silent_copier_is_logged_once_then_again_when_it_answers()
    {
        using var silent = new FakeSnmpAgent(_ => []);
        var logger = new CapturingLogger<SnmpCopierCounterReader>();
        var reader = Reader(SnmpVersion.V2c, logger, TimeSpan.FromMilliseconds(50), retries: 0);
        var copier = Copier($"127.0.0.1:{silent.Endpoint.Port}", "copier-murat");

        var first = await reader.ReadAsync(copier, CancellationToken.None);
        await reader.ReadAsync(copier, CancellationToken.None);

        Assert.Equal(new CopierReading(null, null, first.Error), first);
        Assert.Contains("no answer from 127.0.0.1", first.Error, StringComparison.Ordinal);
        Assert.Equal(1, logger.Count(2400));
        Assert.Equal(1, logger.Count(2403));

        _snmpd.SetCounter(5);
        var back = await reader.ReadAsync(Copier(_snmpd.Address, "copier-murat"), CancellationToken.None);
        Assert.Equal(5, back.PageCount);
        Assert.Equal(1, logger.Count(2401));
    }

    [Theory]
    [InlineData("", "empty SNMP address")]
    [InlineData("127.0.0.1:99999", "port '99999' is not in 1..65535")]
    [InlineData("copier.invalid", "cannot be resolved")]
    public async Task A_bad_address_is_a_reading_error_not_an_exception(string address, string expected)
    {
        var reading = await Reader(SnmpVersion.V2c).ReadAsync(Copier(address), CancellationToken.None);

        Assert.False(reading.Answered);
        Assert.Contains(expected, reading.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_community_comes_from_the_configured_file()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.File("community");
        await File.WriteAllTextAsync(file, "public\n");
        var services = new ServiceCollection().AddLogging();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Snmp:CommunityFile"] = file,
            ["Snmp:Timeout"] = "00:00:00.500",
        }).Build();
        services.AddSnmpCopiers(configuration);
        await using var provider = services.BuildServiceProvider();
        _snmpd.SetCounter(31);

        var reading = await provider.GetRequiredService<ICopierCounterReader>().ReadAsync(Copier(_snmpd.Address), CancellationToken.None);

        Assert.Equal(31, reading.PageCount);
        Assert.Equal(TimeSpan.FromMilliseconds(500), provider.GetRequiredService<IOptions<SnmpOptions>>().Value.Timeout);
    }

    [Fact]
    public void An_unreadable_community_file_fails_at_start_naming_the_file()
    {
        var services = new ServiceCollection().AddLogging();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Snmp:CommunityFile"] = "/nonexistent/snmp-community",
        }).Build();
        services.AddSnmpCopiers(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SnmpOptions>>().Value);

        Assert.Contains("Snmp:CommunityFile '/nonexistent/snmp-community' cannot be read", error.Message, StringComparison.Ordinal);
    }

    private static SnmpCopierCounterReader Reader(SnmpVersion version, ILogger<SnmpCopierCounterReader>? logger = null, TimeSpan? timeout = null, int retries = 1)
    {
        var options = new SnmpOptions { Version = version, Timeout = timeout ?? TimeSpan.FromMilliseconds(300), Retries = retries };
        return new SnmpCopierCounterReader(new SnmpClient(options, TimeProvider.System), Options.Create(options), logger ?? NullLogger<SnmpCopierCounterReader>.Instance);
    }

    private static CopierConfiguration Copier(string address, string id = "copier-1") =>
        new() { Id = id, Zone = "copy-corner", SnmpAddress = address };
}
