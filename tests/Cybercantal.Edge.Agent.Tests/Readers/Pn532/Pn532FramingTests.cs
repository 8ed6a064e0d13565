using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Readers.Pn532;

namespace Cybercantal.Edge.Agent.Tests.Readers.Pn532;

public sealed class Pn532FramingTests
{
    [Fact]
    public void Command_frames_match_the_user_manual()
    {
        Span<byte> frame = stackalloc byte[16];

        var length = Pn532Transport.BuildFrame(0x02, [], frame);
        Assert.Equal("0000FF02FED4022A00", Convert.ToHexString(frame[..length]));

        length = Pn532Transport.BuildFrame(0x4A, [0x01, 0x00], frame);
        Assert.Equal("0000FF04FCD44A0100E100", Convert.ToHexString(frame[..length]));
    }

    [Fact]
    public void Target_data_yields_the_nfcid()
    {
        var result = Pn532Device.ParseTargets([0x01, 0x01, 0x00, 0x44, 0x00, 0x07, 0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6]);

        Assert.Equal(Pn532PollStatus.Card, result.Status);
        Assert.Equal(Credential.Parse("nfc:04A1B2C3D4E5F6"), result.Credential);
    }

    [Fact]
    public void No_target_is_an_empty_field()
    {
        Assert.Equal(Pn532PollStatus.NoCard, Pn532Device.ParseTargets([0x00]).Status);
    }

    [Theory]
    [InlineData("")]                          // nothing at all
    [InlineData("0101000408")]                // cut before NFCIDLength
    [InlineData("010100040804A1B2")]          // NFCIDLength 4, two bytes follow
    [InlineData("010100040800")]              // empty UID
    public void Unusable_target_data_is_a_fault(string hex)
    {
        var result = Pn532Device.ParseTargets(Convert.FromHexString(hex));

        Assert.Equal(Pn532PollStatus.Fault, result.Status);
        Assert.NotNull(result.Fault);
    }
}
