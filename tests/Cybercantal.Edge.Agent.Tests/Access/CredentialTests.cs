using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Tests.Access;

public sealed class CredentialTests
{
    [Theory]
    [InlineData("nfc:04A1B2C3D4E5F6")]
    [InlineData("nfc:DEADBEEF")]
    [InlineData("nfc:00112233445566778899")]
    [InlineData("wiegand26:123:45678")]
    [InlineData("wiegand34:1200:45678")]
    [InlineData("wiegand37:1200:345678")]
    public void Canonical_text_round_trips(string text)
    {
        var credential = Credential.Parse(text);

        Assert.Equal(text, credential.ToString());
        Assert.Equal(credential, Credential.Parse(text.ToLowerInvariant()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(32)]
    public void Empty_or_over_long_uids_are_refused(int length)
    {
        Assert.False(Credential.TryFromUid(new byte[length], out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(16)]
    public void Uids_of_any_length_up_to_16_are_distinct_credentials(int length)
    {
        var uid = Enumerable.Range(1, length).Select(i => (byte)i).ToArray();
        Assert.True(Credential.TryFromUid(uid, out var credential));

        var copy = new byte[16];
        Assert.Equal(length, credential.CopyUid(copy));
        Assert.Equal(uid, copy[..length]);
        // A shorter UID that is a prefix of this one must not collide with it.
        if (length > 1)
        {
            Assert.True(Credential.TryFromUid(uid.AsSpan(0, length - 1), out var shorter));
            Assert.NotEqual(credential, shorter);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("nfc:")]
    [InlineData("nfc:ABC")]
    [InlineData("nfc:XYZW")]
    [InlineData("wiegand26:256:1")]
    [InlineData("wiegand26:1:65536")]
    [InlineData("wiegand37:1:524288")]
    [InlineData("mifare:0102")]
    [InlineData("wiegand26:12")]
    public void Malformed_text_is_refused(string text)
    {
        Assert.False(Credential.TryParse(text, out _));
    }
}
