namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// The technology a credential was read with. The canonical text prefix of each kind is
/// part of the site file and hub formats: see docs/credentials.md.
/// </summary>
public enum CredentialKind : byte
{
    None = 0,

    /// <summary>ISO 14443 UID read over NFC (PC/SC or PN532): 4, 7 or 10 bytes.</summary>
    Nfc = 1,

    /// <summary>Wiegand 26-bit H10301: facility 0-255, card 0-65535.</summary>
    Wiegand26 = 2,

    /// <summary>Wiegand 34-bit: facility 0-65535, card 0-65535.</summary>
    Wiegand34 = 3,

    /// <summary>Wiegand 37-bit H10304: facility 0-65535, card 0-524287.</summary>
    Wiegand37 = 4,
}
