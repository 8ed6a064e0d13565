using System.Text;
using Cybercantal.Edge.Agent.Usage.Snmp;
using static Cybercantal.Edge.Agent.Tests.Usage.Snmp.BerEncoderTests;

namespace Cybercantal.Edge.Agent.Tests.Usage.Snmp;

public sealed class SnmpMessageCodecTests
{
    // snmpget -v2c -c public HOST 1.3.6.1.2.1.1.3.0 with request id 1, byte for byte.
    private const string SysUpTimeRequest =
        "30 26 02 01 01 04 06 70 75 62 6C 69 63 A0 19 02 01 01 02 01 00 02 01 00 30 0E 30 0C 06 08 2B 06 01 02 01 01 03 00 05 00";

    [Fact]
    public void A_get_request_encodes_like_snmpget()
    {
        var message = new SnmpMessage(
            SnmpVersion.V2c, Encoding.ASCII.GetBytes("public"), BerTag.GetRequest, 1, SnmpErrorStatus.NoError, 0,
            [new SnmpVarBind(SnmpOid.Parse("1.3.6.1.2.1.1.3.0"), SnmpValue.Null)]);

        Assert.Equal(Hex(SysUpTimeRequest), SnmpMessageCodec.Encode(message));
        Assert.True(SnmpMessageCodec.TryDecode(Hex(SysUpTimeRequest), out var decoded, out var error), error);
        Assert.Equal(BerTag.GetRequest, decoded!.PduType);
        Assert.Equal(1, decoded.RequestId);
        Assert.Equal("1.3.6.1.2.1.1.3.0", decoded.VarBinds.Single().Oid.ToString());
    }

    [Fact]
    public void A_response_with_every_value_type_round_trips()
    {
        var response = Response(
            SnmpValue.Integer(-42),
            SnmpValue.Counter32(uint.MaxValue),
            SnmpValue.Gauge32(7),
            SnmpValue.TimeTicks(123456),
            SnmpValue.Counter64(ulong.MaxValue),
            SnmpValue.IpAddress(System.Net.IPAddress.Loopback),
            SnmpValue.OctetString(new string('x', 300)),
            SnmpValue.NoSuchObject,
            SnmpValue.NoSuchInstance,
            SnmpValue.EndOfMibView);

        Assert.True(SnmpMessageCodec.TryDecode(SnmpMessageCodec.Encode(response), out var decoded, out var error), error);

        Assert.Equal(response.RequestId, decoded!.RequestId);
        Assert.Equal(response.VarBinds, decoded.VarBinds);
        Assert.Equal(SnmpVersion.V1, decoded.Version);
    }

    [Fact]
    public void Every_truncation_of_a_valid_response_is_an_error_not_an_exception()
    {
        var packet = SnmpMessageCodec.Encode(Response(SnmpValue.Counter32(123456), SnmpValue.Integer(3)));

        for (var length = 0; length < packet.Length; length++)
        {
            Assert.False(SnmpMessageCodec.TryDecode(packet.AsSpan(0, length), out var message, out var error), $"prefix of {length} bytes decoded");
            Assert.Null(message);
            Assert.False(string.IsNullOrEmpty(error));
        }
    }

    [Fact]
    public void Any_single_byte_corruption_or_random_garbage_never_throws()
    {
        var packet = SnmpMessageCodec.Encode(Response(SnmpValue.Counter32(123456), SnmpValue.Integer(3), SnmpValue.OctetString("toner")));
        for (var position = 0; position < packet.Length; position++)
        {
            foreach (var replacement in new byte[] { 0x00, 0x01, 0x7F, 0x80, 0x81, 0x84, 0xFF })
            {
                var corrupted = (byte[])packet.Clone();
                corrupted[position] = replacement;
                SnmpMessageCodec.TryDecode(corrupted, out _, out _);
            }
        }

        var random = new Random(2400);
        for (var i = 0; i < 20_000; i++)
        {
            var garbage = new byte[random.Next(0, 64)];
            random.NextBytes(garbage);
            if (garbage.Length > 0 && random.Next(2) == 0)
            {
                garbage[0] = BerTag.Sequence;
            }

            SnmpMessageCodec.TryDecode(garbage, out _, out _);
        }
    }

    [Theory]
    [InlineData("30 03 02 01 01 00", "trailing bytes after the message")]
    [InlineData("30 03 02 01 05", "version 5 is not SNMP v1 (0) or v2c (1)")]
    [InlineData("31 00", "expected tag 0x30")]
    [InlineData("30 0B 02 01 01 04 00 A4 04 02 01 01 00", "PDU tag 0xA4")]
    [InlineData("30 14 02 01 01 04 00 A2 0D 02 01 01 02 01 19 02 01 00 30 00 30 00", "error-status 25 is not defined")]
    [InlineData("30 12 02 01 01 04 00 A2 0B 02 01 01 02 01 00 02 01 FF 30 00", "error-index -1 is negative")]
    [InlineData("30 16 02 01 01 04 00 A2 0F 02 05 01 00 00 00 00 02 01 00 02 01 00 30 00", "request-id 4294967296 does not fit in 32 bits")]
    [InlineData("30 14 02 01 01 04 00 A2 0D 02 01 01 02 01 00 02 01 00 30 02 05 00", "variable-binding 1: expected tag 0x30")]
    [InlineData("30 17 02 01 01 04 00 A2 10 02 01 01 02 01 00 02 01 00 30 05 30 03 06 01 2B", "value of variable-binding 1 missing")]
    public void Malformed_messages_name_the_problem(string hex, string expected)
    {
        Assert.False(SnmpMessageCodec.TryDecode(Hex(hex), out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_community_never_appears_in_a_message_text()
    {
        var message = Response(SnmpValue.Integer(1)) with { Community = Encoding.ASCII.GetBytes("s3cret-community") };

        Assert.DoesNotContain("s3cret", message.ToString(), StringComparison.Ordinal);
    }

    private static SnmpMessage Response(params SnmpValue[] values) => new(
        SnmpVersion.V1,
        Encoding.ASCII.GetBytes("public"),
        BerTag.Response,
        0x1234567,
        SnmpErrorStatus.NoError,
        0,
        values.Select((v, i) => new SnmpVarBind(SnmpOid.Parse($"1.3.6.1.4.1.9999.{i + 1}"), v)).ToArray());
}
