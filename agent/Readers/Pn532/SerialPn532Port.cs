using System.IO.Ports;

namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>
/// A PN532 HSU link on a serial device, 115200 8N1 without handshake. Reads block at most
/// <c>readTimeout</c>, so a silent line costs sleeping time, never a busy loop.
/// </summary>
internal sealed class SerialPn532Port : IPn532Port
{
    private readonly SerialPort _port;
    private readonly byte[] _readBuffer = new byte[256];

    private SerialPn532Port(SerialPort port) => _port = port;

    /// <summary>Opens <paramref name="device"/>; throws IOException / UnauthorizedAccessException when it is missing or busy.</summary>
    public static SerialPn532Port Open(string device, TimeSpan readTimeout)
    {
        var port = new SerialPort(device, 115_200, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = Math.Max(1, (int)readTimeout.TotalMilliseconds),
            WriteTimeout = 500,
        };
        try
        {
            port.Open();
            return new SerialPn532Port(port);
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    public void Write(ReadOnlySpan<byte> bytes) => _port.BaseStream.Write(bytes);

    public int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _port.Read(_readBuffer, 0, Math.Min(buffer.Length, _readBuffer.Length));
        }
        catch (TimeoutException)
        {
            return 0;
        }

        if (read == 0)
        {
            // SerialPort only returns 0 at end of stream: the device went away under us.
            throw new IOException($"Serial device {_port.PortName} reached end of stream.");
        }

        _readBuffer.AsSpan(0, read).CopyTo(buffer);
        return read;
    }

    public void DiscardInput() => _port.DiscardInBuffer();

    public void Dispose() => _port.Dispose();
}
