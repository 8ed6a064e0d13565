using System.Globalization;
using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>The PC/SC pseudo-APDU GET DATA (UID) understood by ACR122U-class readers, and the check of its answer.</summary>
public static class PcscUidResponse
{
    /// <summary><c>FF CA 00 00 00</c>: GET DATA, P1=00 (UID), Le=00 (all of it).</summary>
    public static ReadOnlySpan<byte> GetUidCommand => [0xFF, 0xCA, 0x00, 0x00, 0x00];

    /// <summary>Longest answer worth accepting: a 16-byte UID plus the status word, with room to detect longer ones.</summary>
    public const int MaxResponseLength = 258;

    /// <summary>Checks a GET DATA answer. Returns null and the credential on success, or a fault naming the problem.</summary>
    public static string? TryParse(ReadOnlySpan<byte> response, out Credential credential)
    {
        credential = default;
        if (response.Length < 2)
        {
            return string.Create(CultureInfo.InvariantCulture, $"GET DATA answer of {response.Length} byte(s) has no status word");
        }

        var sw1 = response[^2];
        var sw2 = response[^1];
        if (sw1 != 0x90 || sw2 != 0x00)
        {
            return (sw1, sw2) switch
            {
                (0x6A, 0x81) => "reader does not support GET DATA UID (SW 6A 81)",
                (0x63, 0x00) => "reader failed to read the card UID (SW 63 00)",
                _ => string.Create(CultureInfo.InvariantCulture, $"unexpected status word {sw1:X2} {sw2:X2} to GET DATA UID"),
            };
        }

        var uid = response[..^2];
        if (uid.IsEmpty)
        {
            return "card answered an empty UID";
        }

        if (uid.Length > Credential.MaxUidLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"card answered a {uid.Length}-byte UID (at most {Credential.MaxUidLength} accepted)");
        }

        return Credential.TryFromUid(uid, out credential) ? null : "card answered an unusable UID";
    }
}
