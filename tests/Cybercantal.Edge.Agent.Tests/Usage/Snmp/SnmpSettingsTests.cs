using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Usage.Snmp;

namespace Cybercantal.Edge.Agent.Tests.Usage.Snmp;

public sealed class SnmpSettingsTests
{
    [Theory]
    [InlineData("192.168.10.20", "192.168.10.20", 161)]
    [InlineData("192.168.10.20:1161", "192.168.10.20", 1161)]
    [InlineData("copier-murat.lan", "copier-murat.lan", 161)]
    [InlineData("copier-murat.lan:16100", "copier-murat.lan", 16100)]
    [InlineData("[fd00::20]:1161", "fd00::20", 1161)]
    [InlineData("[fd00::20]", "fd00::20", 161)]
    [InlineData("fd00::20", "fd00::20", 161)]
    public void Copier_addresses_parse(string text, string host, int port)
    {
        Assert.True(SnmpAgentAddress.TryParse(text, out var address, out var error), error);
        Assert.Equal(new SnmpAgentAddress(host, port), address);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("host:", "port '' is not in 1..65535")]
    [InlineData("host:0", "port '0'")]
    [InlineData("host:abc", "port 'abc'")]
    [InlineData("[fd00::1", "is not [IPv6]:port")]
    [InlineData(":161", "no usable host")]
    public void Bad_copier_addresses_are_named(string text, string expected)
    {
        Assert.False(SnmpAgentAddress.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1.1.3.0")]
    [InlineData("1.3.6.1.4.1.4294967295", "1.3.6.1.4.1.4294967295")]
    public void Oids_parse(string text, string expected) => Assert.Equal(expected, SnmpOid.Parse(text).ToString());

    [Theory]
    [InlineData("1", "at least two")]
    [InlineData("3.1", "must be 0, 1 or 2")]
    [InlineData("1.40", "below 40")]
    [InlineData("1.3..6", "sub-identifier 3")]
    [InlineData("1.3.4294967296", "sub-identifier 3")]
    [InlineData("1.3.-1", "sub-identifier 3")]
    public void Bad_oids_are_named(string text, string expected)
    {
        Assert.False(SnmpOid.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_one_second_two_retries_v2c_and_public()
    {
        var options = new SnmpOptions();

        options.Validate();
        Assert.Equal(TimeSpan.FromSeconds(1), options.Timeout);
        Assert.Equal(2, options.Retries);
        Assert.Equal(SnmpVersion.V2c, options.Version);
        Assert.Equal("public", options.ReadCommunity());
    }

    [Theory]
    [InlineData("Timeout")]
    [InlineData("Retries")]
    [InlineData("MaxResponseBytes")]
    public void Out_of_range_settings_are_named(string setting)
    {
        var options = setting switch
        {
            "Timeout" => new SnmpOptions { Timeout = TimeSpan.Zero },
            "Retries" => new SnmpOptions { Retries = -1 },
            _ => new SnmpOptions { MaxResponseBytes = 100 },
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Contains($"Snmp:{setting}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  s3cret-ro \n", "s3cret-ro")]
    [InlineData("s3cret-ro\r\nsecond line ignored\n", "s3cret-ro")]
    public void The_community_file_gives_its_first_line(string content, string expected)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.File("community");
        File.WriteAllText(file, content);

        Assert.Equal(expected, new SnmpOptions { CommunityFile = file }.ReadCommunity());
    }

    [Theory]
    [InlineData("\n\n", "is empty")]
    [InlineData("secr\u00e8te-tulipe", "printable ASCII")]
    public void A_bad_community_file_is_refused_without_showing_its_content(string content, string expected)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.File("community");
        File.WriteAllText(file, content);

        var error = Assert.Throws<InvalidOperationException>(() => new SnmpOptions { CommunityFile = file }.Validate());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        // A word that a random temporary path (hex) cannot contain.
        Assert.DoesNotContain("tulipe", error.Message, StringComparison.Ordinal);
    }
}
