namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>The byte pipe to a PN532 in HSU mode (a serial port on a gateway).</summary>
internal interface IPn532Port : IDisposable
{
    void Write(ReadOnlySpan<byte> bytes);

    /// <summary>Reads what has arrived, waiting at most the port's read timeout; 0 means nothing arrived in time.</summary>
    int Read(Span<byte> buffer);

    /// <summary>Drops whatever is waiting in the input buffer (late or stray bytes of an earlier exchange).</summary>
    void DiscardInput();
}
