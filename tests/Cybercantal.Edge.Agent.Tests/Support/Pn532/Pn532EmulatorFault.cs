namespace Cybercantal.Edge.Agent.Tests.Support.Pn532;

/// <summary>How the emulator spoils its answer to an InListPassiveTarget.</summary>
public enum Pn532EmulatorFault
{
    /// <summary>ACK, then a frame whose length checksum is wrong.</summary>
    Malformed,

    /// <summary>ACK, then the right response with a wrong data checksum.</summary>
    BadChecksum,

    /// <summary>Random bytes and no frame at all.</summary>
    Noise,

    /// <summary>No answer at all.</summary>
    Silence,
}
