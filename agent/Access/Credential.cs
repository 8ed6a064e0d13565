using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// A canonical badge credential: what every reader yields, whatever its technology.
/// A value type with no heap reference so the decision path can look it up without allocating.
/// Text forms: <c>nfc:04A1B2C3D4E5F6</c>, <c>wiegand26:123:45678</c>, <c>wiegand34:1200:45678</c>,
/// <c>wiegand37:1200:345678</c>.
/// </summary>
public readonly record struct Credential
{
    /// <summary>Longest UID accepted; longer reads are reader faults.</summary>
    public const int MaxUidLength = 16;

    // Two ulongs rather than one UInt128: UInt128 is 16-byte aligned, which would pad every credential
    // to 32 bytes; as 24 bytes the 250,000-entry badge index of a snapshot is a quarter smaller.
    private readonly ulong _high;
    private readonly ulong _low;

    private Credential(CredentialKind kind, byte length, UInt128 value)
    {
        Kind = kind;
        Length = length;
        _high = (ulong)(value >> 64);
        _low = (ulong)value;
    }

    private UInt128 Value => new(_high, _low);

    public CredentialKind Kind { get; }

    /// <summary>Number of UID bytes for NFC credentials; 0 for Wiegand ones.</summary>
    public byte Length { get; }

    public bool IsEmpty => Kind == CredentialKind.None;

    /// <summary>Facility code of a Wiegand credential.</summary>
    public uint Facility => Kind is CredentialKind.Wiegand26 or CredentialKind.Wiegand34 or CredentialKind.Wiegand37
        ? (uint)(_low >> 32)
        : 0;

    /// <summary>Card number of a Wiegand credential.</summary>
    public uint CardNumber => Kind is CredentialKind.Wiegand26 or CredentialKind.Wiegand34 or CredentialKind.Wiegand37
        ? (uint)(_low & uint.MaxValue)
        : 0;

    /// <summary>Builds an NFC credential from a UID; fails on an empty UID or one over 16 bytes.</summary>
    public static bool TryFromUid(ReadOnlySpan<byte> uid, out Credential credential)
    {
        if (uid.IsEmpty || uid.Length > MaxUidLength)
        {
            credential = default;
            return false;
        }

        Span<byte> padded = stackalloc byte[16];
        padded.Clear();
        uid.CopyTo(padded);
        credential = new Credential(CredentialKind.Nfc, (byte)uid.Length, BinaryPrimitives.ReadUInt128BigEndian(padded));
        return true;
    }

    /// <summary>Builds a Wiegand credential; fails when facility or card is out of the format's range.</summary>
    public static bool TryFromWiegand(CredentialKind kind, uint facility, uint card, out Credential credential)
    {
        var (maxFacility, maxCard) = kind switch
        {
            CredentialKind.Wiegand26 => (255u, 65_535u),
            CredentialKind.Wiegand34 => (65_535u, 65_535u),
            CredentialKind.Wiegand37 => (65_535u, 524_287u),
            _ => (0u, 0u),
        };
        if (maxCard == 0 || facility > maxFacility || card > maxCard)
        {
            credential = default;
            return false;
        }

        credential = new Credential(kind, 0, ((UInt128)facility << 32) | card);
        return true;
    }

    /// <summary>Writes the UID bytes of an NFC credential into <paramref name="destination"/>.</summary>
    public int CopyUid(Span<byte> destination)
    {
        if (Kind != CredentialKind.Nfc)
        {
            return 0;
        }

        Span<byte> padded = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(padded, Value);
        padded[..Length].CopyTo(destination);
        return Length;
    }

    public static Credential Parse(string text) =>
        TryParse(text, out var credential)
            ? credential
            : throw new FormatException($"'{text}' is not a credential (expected e.g. nfc:04A1B2C3 or wiegand26:123:45678).");

    public static bool TryParse([NotNullWhen(true)] string? text, out Credential credential)
    {
        credential = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var colon = span.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var prefix = span[..colon];
        var rest = span[(colon + 1)..];
        if (prefix.Equals("nfc", StringComparison.OrdinalIgnoreCase))
        {
            if (rest.Length == 0 || rest.Length % 2 != 0 || rest.Length > MaxUidLength * 2)
            {
                return false;
            }

            Span<byte> uid = stackalloc byte[MaxUidLength];
            var status = Convert.FromHexString(rest, uid, out _, out var written);
            return status == System.Buffers.OperationStatus.Done && TryFromUid(uid[..written], out credential);
        }

        var kind = prefix switch
        {
            _ when prefix.Equals("wiegand26", StringComparison.OrdinalIgnoreCase) => CredentialKind.Wiegand26,
            _ when prefix.Equals("wiegand34", StringComparison.OrdinalIgnoreCase) => CredentialKind.Wiegand34,
            _ when prefix.Equals("wiegand37", StringComparison.OrdinalIgnoreCase) => CredentialKind.Wiegand37,
            _ => CredentialKind.None,
        };
        var second = rest.IndexOf(':');
        if (kind == CredentialKind.None || second <= 0)
        {
            return false;
        }

        return uint.TryParse(rest[..second], NumberStyles.None, CultureInfo.InvariantCulture, out var facility)
            && uint.TryParse(rest[(second + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var card)
            && TryFromWiegand(kind, facility, card, out credential);
    }

    // Hand-written so the badge index hashes and compares two words at once rather than field by
    // field through EqualityComparer<T>.Default.
    public bool Equals(Credential other) =>
        _low == other._low && _high == other._high && Kind == other.Kind && Length == other.Length;

    public override int GetHashCode() => HashCode.Combine(_low, _high, (int)Kind | (Length << 8));

    public override string ToString()
    {
        switch (Kind)
        {
            case CredentialKind.Nfc:
                Span<byte> uid = stackalloc byte[MaxUidLength];
                var length = CopyUid(uid);
                return "nfc:" + Convert.ToHexString(uid[..length]);
            case CredentialKind.Wiegand26:
            case CredentialKind.Wiegand34:
            case CredentialKind.Wiegand37:
                return string.Create(CultureInfo.InvariantCulture, $"{KindPrefix(Kind)}:{Facility}:{CardNumber}");
            default:
                return "none";
        }
    }

    public static string KindPrefix(CredentialKind kind) => kind switch
    {
        CredentialKind.Nfc => "nfc",
        CredentialKind.Wiegand26 => "wiegand26",
        CredentialKind.Wiegand34 => "wiegand34",
        CredentialKind.Wiegand37 => "wiegand37",
        _ => "none",
    };
}
