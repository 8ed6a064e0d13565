namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>
/// A malformed BER/SNMP packet, with the byte offset where decoding stopped. Thrown inside the decoder only:
/// <see cref="SnmpMessageCodec.TryDecode"/> turns it into an error text, so it never escapes to callers.
/// </summary>
public sealed class SnmpDecodeException : Exception
{
    public SnmpDecodeException()
    {
    }

    public SnmpDecodeException(string message)
        : base(message)
    {
    }

    public SnmpDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
