namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>
/// Return codes of pcsc-lite (pcsclite.h). The native functions return a C <c>long</c>; the low 32 bits
/// carry these values, so callers convert with <see cref="PcscNative.ToResult"/>.
/// </summary>
public enum PcscResult : uint
{
    /// <summary>SCARD_S_SUCCESS.</summary>
    Success = 0,

    /// <summary>SCARD_F_INTERNAL_ERROR.</summary>
    InternalError = 0x80100001,

    /// <summary>SCARD_E_CANCELLED: SCardCancel interrupted SCardGetStatusChange.</summary>
    Cancelled = 0x80100002,

    /// <summary>SCARD_E_INVALID_HANDLE: the context or card handle is no longer valid (daemon restarted).</summary>
    InvalidHandle = 0x80100003,

    /// <summary>SCARD_E_INVALID_PARAMETER.</summary>
    InvalidParameter = 0x80100004,

    /// <summary>SCARD_E_NO_MEMORY.</summary>
    NoMemory = 0x80100006,

    /// <summary>SCARD_E_INSUFFICIENT_BUFFER.</summary>
    InsufficientBuffer = 0x80100008,

    /// <summary>SCARD_E_UNKNOWN_READER: the reader name is not (or no longer) known.</summary>
    UnknownReader = 0x80100009,

    /// <summary>SCARD_E_TIMEOUT: SCardGetStatusChange timed out with no change.</summary>
    Timeout = 0x8010000A,

    /// <summary>SCARD_E_SHARING_VIOLATION.</summary>
    SharingViolation = 0x8010000B,

    /// <summary>SCARD_E_NO_SMARTCARD: no card in the reader.</summary>
    NoSmartcard = 0x8010000C,

    /// <summary>SCARD_E_PROTO_MISMATCH.</summary>
    ProtocolMismatch = 0x8010000F,

    /// <summary>SCARD_E_NOT_TRANSACTED: the exchange with the card failed.</summary>
    NotTransacted = 0x80100016,

    /// <summary>SCARD_E_READER_UNAVAILABLE: the reader was unplugged.</summary>
    ReaderUnavailable = 0x80100017,

    /// <summary>SCARD_F_COMM_ERROR: lost communication with the daemon.</summary>
    CommError = 0x80100013,

    /// <summary>SCARD_F_UNKNOWN_ERROR.</summary>
    UnknownError = 0x80100014,

    /// <summary>SCARD_E_NO_SERVICE: pcscd is not running.</summary>
    NoService = 0x8010001D,

    /// <summary>SCARD_E_SERVICE_STOPPED: pcscd stopped while we were talking to it.</summary>
    ServiceStopped = 0x8010001E,

    /// <summary>SCARD_E_NO_READERS_AVAILABLE.</summary>
    NoReadersAvailable = 0x8010002E,

    /// <summary>SCARD_W_UNRESPONSIVE_CARD.</summary>
    UnresponsiveCard = 0x80100066,

    /// <summary>SCARD_W_UNPOWERED_CARD.</summary>
    UnpoweredCard = 0x80100067,

    /// <summary>SCARD_W_RESET_CARD.</summary>
    ResetCard = 0x80100068,

    /// <summary>SCARD_W_REMOVED_CARD: the card left the reader.</summary>
    RemovedCard = 0x80100069,
}
