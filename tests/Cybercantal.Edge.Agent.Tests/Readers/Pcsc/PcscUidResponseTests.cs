using System.Runtime.CompilerServices;
using Cybercantal.Edge.Agent.Readers.Pcsc;

namespace Cybercantal.Edge.Agent.Tests.Readers.Pcsc;

public sealed class PcscUidResponseTests
{
    [Fact]
    public void Uid_followed_by_9000_is_a_credential()
    {
        var fault = PcscUidResponse.TryParse(Convert.FromHexString("04A1B2C3D4E5F69000"), out var credential);

        Assert.Null(fault);
        Assert.Equal("nfc:04A1B2C3D4E5F6", credential.ToString());
    }

    [Theory]
    [InlineData("6A81", "6A 81")]
    [InlineData("6300", "63 00")]
    [InlineData("04A1B2C36F00", "6F 00")]
    [InlineData("90", "no status word")]
    [InlineData("", "no status word")]
    [InlineData("9000", "empty UID")]
    [InlineData("000102030405060708090A0B0C0D0E0F109000", "17-byte UID")]
    public void Bad_answers_are_faults_naming_the_problem(string hex, string expected)
    {
        var fault = PcscUidResponse.TryParse(Convert.FromHexString(hex), out var credential);

        Assert.NotNull(fault);
        Assert.Contains(expected, fault, StringComparison.Ordinal);
        Assert.True(credential.IsEmpty);
    }

    [Fact]
    public void Native_structs_match_pcsc_lite_64_bit_layout()
    {
        Assert.Equal(80, Unsafe.SizeOf<ScardReaderState>());
        Assert.Equal(16, Unsafe.SizeOf<ScardIoRequest>());
    }

    [Fact]
    public void Event_counter_is_the_high_word()
    {
        nuint state = (3u << 16) | 0x22;

        Assert.Equal(3, PcscReaderStatesExtensions.EventCount(state));
        Assert.Equal(PcscReaderStates.Present | PcscReaderStates.Changed, PcscReaderStatesExtensions.Flags(state));
    }
}
