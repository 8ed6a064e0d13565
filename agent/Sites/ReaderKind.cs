namespace Cybercantal.Edge.Agent.Sites;

/// <summary>The hardware family of a badge reader.</summary>
public enum ReaderKind
{
    /// <summary>USB NFC reader through pcsc-lite (ACR122U class).</summary>
    Pcsc,

    /// <summary>PN532 module on a serial port.</summary>
    Pn532,

    /// <summary>Wiegand reader on two GPIO inputs (D0, D1).</summary>
    Wiegand,
}
