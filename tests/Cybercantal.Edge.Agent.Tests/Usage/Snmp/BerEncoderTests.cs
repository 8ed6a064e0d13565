using Cybercantal.Edge.Agent.Usage.Snmp;

namespace Cybercantal.Edge.Agent.Tests.Usage.Snmp;

public sealed class BerEncoderTests
{
    [Fact]
    public void Page_counter_oid_encodes_as_twelve_content_bytes()
    {
        // The issue quoted "06 0D ..." but the content after the tag is 12 bytes: 2B for 1.3, then one byte per
        // remaining sub-identifier (all below 128). net-snmp's snmpget sends exactly these bytes.
        var encoded = BerEncoder.ObjectIdentifier(SnmpOid.Parse("1.3.6.1.2.1.43.10.2.1.4.1.1"));

        Assert.Equal(Hex("06 0C 2B 06 01 02 01 2B 0A 02 01 04 01 01"), encoded);
    }

    [Theory]
    [InlineData("1.3.6.1.4.1.2680.1", "06 08 2B 06 01 04 01 94 78 01")]
    [InlineData("2.999.3", "06 03 88 37 03")]
    [InlineData("1.3.6.1.4.1.4294967295", "06 0A 2B 06 01 04 01 8F FF FF FF 7F")]
    [InlineData("0.0", "06 01 00")]
    public void Oids_with_multi_byte_sub_identifiers_round_trip(string oid, string hex)
    {
        var parsed = SnmpOid.Parse(oid);

        Assert.Equal(Hex(hex), BerEncoder.ObjectIdentifier(parsed));
        var reader = new BerReader(Hex(hex));
        Assert.Equal(parsed, reader.ReadObjectIdentifier("oid"));
    }

    [Theory]
    [InlineData(0L, "02 01 00")]
    [InlineData(127L, "02 01 7F")]
    [InlineData(128L, "02 02 00 80")]
    [InlineData(256L, "02 02 01 00")]
    [InlineData(-1L, "02 01 FF")]
    [InlineData(-128L, "02 01 80")]
    [InlineData(-129L, "02 02 FF 7F")]
    [InlineData(int.MinValue, "02 04 80 00 00 00")]
    [InlineData(int.MaxValue, "02 04 7F FF FF FF")]
    [InlineData(long.MinValue, "02 08 80 00 00 00 00 00 00 00")]
    public void Integers_use_minimal_twos_complement(long value, string hex)
    {
        Assert.Equal(Hex(hex), BerEncoder.Integer(value));
        var reader = new BerReader(Hex(hex));
        Assert.Equal(value, reader.ReadInteger("integer"));
    }

    [Theory]
    [InlineData(BerTag.Counter32, 0UL, "41 01 00")]
    [InlineData(BerTag.Counter32, 4294967295UL, "41 05 00 FF FF FF FF")]
    [InlineData(BerTag.Gauge32, 128UL, "42 02 00 80")]
    [InlineData(BerTag.TimeTicks, 65536UL, "43 03 01 00 00")]
    [InlineData(BerTag.Counter64, ulong.MaxValue, "46 09 00 FF FF FF FF FF FF FF FF")]
    public void Unsigned_types_round_trip(byte tag, ulong value, string hex)
    {
        Assert.Equal(Hex(hex), BerEncoder.Unsigned(tag, value));
        var reader = new BerReader(Hex(hex));
        var decoded = reader.ReadValue("value");
        Assert.Equal((SnmpValueType)tag, decoded.Type);
        Assert.Equal(value, decoded.Unsigned);
    }

    [Fact]
    public void A_counter32_sent_without_its_leading_zero_is_read_as_unsigned()
    {
        var reader = new BerReader(Hex("41 04 FF FF FF FF"));

        Assert.Equal(4294967295UL, reader.ReadValue("counter").Unsigned);
    }

    [Fact]
    public void Ip_address_null_and_exceptions_round_trip()
    {
        var values = new[]
        {
            SnmpValue.IpAddress(System.Net.IPAddress.Parse("192.168.1.20")),
            SnmpValue.Null,
            SnmpValue.NoSuchObject,
            SnmpValue.NoSuchInstance,
            SnmpValue.EndOfMibView,
            SnmpValue.OctetString("Ricoh MP C3004"),
            SnmpValue.ObjectIdentifier(SnmpOid.Parse("1.3.6.1.4.1.367")),
            SnmpValue.Opaque([1, 2, 3]),
        };

        foreach (var value in values)
        {
            var reader = new BerReader(BerEncoder.Value(value));
            Assert.Equal(value, reader.ReadValue("value"));
            Assert.True(reader.IsEmpty);
        }

        Assert.Equal(Hex("40 04 C0 A8 01 14"), BerEncoder.Value(values[0]));
        Assert.Equal(Hex("80 00"), BerEncoder.Value(SnmpValue.NoSuchObject));
        Assert.Equal(Hex("81 00"), BerEncoder.Value(SnmpValue.NoSuchInstance));
        Assert.Equal(Hex("82 00"), BerEncoder.Value(SnmpValue.EndOfMibView));
    }

    [Theory]
    [InlineData(127, "04 7F")]
    [InlineData(128, "04 81 80")]
    [InlineData(200, "04 81 C8")]
    [InlineData(300, "04 82 01 2C")]
    [InlineData(70000, "04 83 01 11 70")]
    public void Long_form_lengths_round_trip(int length, string header)
    {
        var content = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        var encoded = BerEncoder.OctetString(content);

        Assert.Equal(Hex(header), encoded[..Hex(header).Length]);
        var reader = new BerReader(encoded);
        Assert.Equal(content, reader.ReadOctetString("string").ToArray());
    }

    [Theory]
    [InlineData("04 81 05 68 65 6C 6C 6F", "hello")]
    [InlineData("04 82 00 02 68 69", "hi")]
    public void Non_minimal_long_form_lengths_are_accepted_as_ber_allows(string hex, string expected)
    {
        var reader = new BerReader(Hex(hex));

        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(reader.ReadOctetString("string")));
    }

    [Theory]
    [InlineData("", "missing")]
    [InlineData("04", "before the length")]
    [InlineData("04 05 68 65", "claims 5 content bytes but only 2 remain")]
    [InlineData("04 80 00 00", "indefinite length")]
    [InlineData("04 85 00 00 00 00 01 00", "5-byte length is oversized")]
    [InlineData("04 82 01", "ends inside a 2-byte length")]
    [InlineData("04 84 7F FF FF FF 00", "claims 2147483647 content bytes")]
    [InlineData("04 84 FF FF FF FF", "oversized")]
    [InlineData("1F 01 00", "multi-byte tag")]
    [InlineData("02 00", "at least one content byte")]
    [InlineData("02 09 00 00 00 00 00 00 00 00 01", "does not fit in 64 bits")]
    [InlineData("41 05 01 00 00 00 00", "do not fit in 32 bits")]
    [InlineData("46 0A 00 01 00 00 00 00 00 00 00 00", "do not fit in 64 bits")]
    [InlineData("40 03 0A 00 01", "has 4 bytes, not 3")]
    [InlineData("05 01 00", "must have no content")]
    [InlineData("81 01 00", "must have no content")]
    [InlineData("06 00", "at least one content byte")]
    [InlineData("06 03 2B 80 01", "not minimally encoded")]
    [InlineData("06 02 2B 86", "truncated")]
    [InlineData("06 07 2B 90 80 80 80 80 01", "does not fit in 32 bits")]
    [InlineData("06 07 2B 90 80 80 80 00 01", "does not fit in 32 bits")]
    [InlineData("47 00", "unknown value tag 0x47")]
    public void Malformed_elements_are_named_errors_never_out_of_range_reads(string hex, string expected)
    {
        var error = Assert.Throws<SnmpDecodeException>(() =>
        {
            var reader = new BerReader(Hex(hex));
            reader.ReadValue("value");
        });

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("at byte", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oid_with_more_than_128_sub_identifiers_is_refused()
    {
        var content = new byte[130];
        content[0] = 0x2B;
        for (var i = 1; i < content.Length; i++)
        {
            content[i] = 1;
        }

        var error = Assert.Throws<SnmpDecodeException>(() =>
        {
            var reader = new BerReader(BerEncoder.Tlv(BerTag.ObjectIdentifier, content));
            reader.ReadObjectIdentifier("oid");
        });

        Assert.Contains("more than 128", error.Message, StringComparison.Ordinal);
    }

    internal static byte[] Hex(string hex) =>
        hex.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(b => Convert.ToByte(b, 16)).ToArray();
}
