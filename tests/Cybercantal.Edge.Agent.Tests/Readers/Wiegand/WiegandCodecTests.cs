using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Readers.Wiegand;

namespace Cybercantal.Edge.Agent.Tests.Readers.Wiegand;

public sealed class WiegandCodecTests
{
    // Vectors computed by hand (and cross-checked with a separate script): parity bit, facility, card, parity bit.
    [Theory]
    [InlineData("10111101110110010011011101", "wiegand26:123:45678")]
    [InlineData("00000000000000000000000001", "wiegand26:0:0")]
    [InlineData("01111111111111111111111111", "wiegand26:255:65535")]
    [InlineData("0000001001011000010110010011011100", "wiegand34:1200:45678")]
    [InlineData("1000001001011000010101000110010011101", "wiegand37:1200:345678")]
    public void Known_frames_decode_to_their_canonical_credential(string wire, string expected)
    {
        var bits = Parse(wire);

        Assert.Equal(WiegandFrameStatus.Valid, WiegandCodec.TryDecode(bits, out var credential));
        Assert.Equal(expected, credential.ToString());
        Assert.Equal(bits, WiegandCodec.Encode(credential));
    }

    [Theory]
    [InlineData("wiegand26:123:45678")]
    [InlineData("wiegand34:1200:45678")]
    [InlineData("wiegand34:65535:65535")]
    [InlineData("wiegand37:1200:345678")]
    [InlineData("wiegand37:65535:524287")]
    public void Any_single_flipped_bit_is_a_parity_error(string text)
    {
        var bits = WiegandCodec.Encode(Credential.Parse(text));
        for (var i = 0; i < bits.Count; i++)
        {
            // In H10304 bit 18 is covered by both parity ranges: flipping it breaks both, still an error.
            Assert.Equal(WiegandFrameStatus.ParityError, WiegandCodec.TryDecode(bits.WithBitFlipped(i), out _));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(25)]
    [InlineData(27)]
    [InlineData(33)]
    [InlineData(35)]
    [InlineData(36)]
    [InlineData(38)]
    [InlineData(64)]
    public void Unsupported_lengths_are_wrong_length(int count)
    {
        Assert.Equal(WiegandFrameStatus.WrongLength, WiegandCodec.TryDecode(new WiegandBits(0x5555_5555_5555_5555UL & Mask(count), count), out _));
    }

    [Fact]
    public void Encoding_a_non_wiegand_credential_is_refused()
    {
        Assert.Throws<ArgumentException>(() => WiegandCodec.Encode(Credential.Parse("nfc:04A1B2C3")));
    }

    internal static WiegandBits Parse(string wire)
    {
        ulong value = 0;
        foreach (var c in wire)
        {
            value = (value << 1) | (uint)(c - '0');
        }

        return new WiegandBits(value, wire.Length);
    }

    private static ulong Mask(int count) => count >= 64 ? ulong.MaxValue : (1UL << count) - 1;
}
