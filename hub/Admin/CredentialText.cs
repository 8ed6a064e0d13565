using System.Globalization;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// Validates and canonicalises credential text the way the agent reads it (<c>nfc:HEX</c> with 1-16 bytes,
/// <c>wiegand26|34|37:FACILITY:CARD</c> within each format's range), so a badge the hub accepts is one the
/// gateway can match.
/// </summary>
public static class CredentialText
{
    public static bool TryNormalize(string? text, out string canonical)
    {
        canonical = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split(':');
        var prefix = parts[0].ToLowerInvariant();
        if (prefix == "nfc" && parts.Length == 2)
        {
            var hex = parts[1];
            if (hex.Length == 0 || hex.Length % 2 != 0 || hex.Length > 32 || !hex.All(char.IsAsciiHexDigit))
            {
                return false;
            }

            canonical = "nfc:" + hex.ToUpperInvariant();
            return true;
        }

        var (maxFacility, maxCard) = prefix switch
        {
            "wiegand26" => (255u, 65_535u),
            "wiegand34" => (65_535u, 65_535u),
            "wiegand37" => (65_535u, 524_287u),
            _ => (0u, 0u),
        };
        if (maxCard == 0 || parts.Length != 3
            || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var facility)
            || !uint.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var card)
            || facility > maxFacility || card > maxCard)
        {
            return false;
        }

        canonical = string.Create(CultureInfo.InvariantCulture, $"{prefix}:{facility}:{card}");
        return true;
    }
}
