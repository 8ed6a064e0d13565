using System.Globalization;

namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>
/// PN532 host link frames (user manual §6.2): <c>00 00 FF LEN LCS D4 CMD DATA DCS 00</c> out,
/// ACK <c>00 00 FF 00 FF 00</c> then <c>00 00 FF LEN LCS D5 CMD+1 DATA DCS 00</c> back.
/// Every read is bounded by a deadline taken from the <see cref="TimeProvider"/>; stray bytes before a start
/// code are skipped and counted, so a noisy line yields a fault, never a hang or a crash.
/// </summary>
internal sealed class Pn532Transport(IPn532Port port, TimeProvider timeProvider, TimeSpan responseTimeout)
{
    private const byte HostToPn532 = 0xD4;
    private const byte Pn532ToHost = 0xD5;
    private const byte ErrorFrameIdentifier = 0x7F;

    /// <summary>Past this many stray bytes while looking for a start code the line is declared noisy at once.</summary>
    private const int MaxStrayBytes = 512;

    private readonly byte[] _rx = new byte[256];
    private readonly byte[] _frame = new byte[256];
    private int _rxStart;
    private int _rxEnd;

    private enum FrameKind
    {
        Ack,
        Nack,
        Data,
        Invalid,
        Timeout,
    }

    /// <summary>Builds a host-to-PN532 frame for <paramref name="command"/>; returns its length in <paramref name="destination"/>.</summary>
    public static int BuildFrame(byte command, ReadOnlySpan<byte> parameters, Span<byte> destination)
    {
        var length = (byte)(2 + parameters.Length);
        destination[0] = 0x00;
        destination[1] = 0x00;
        destination[2] = 0xFF;
        destination[3] = length;
        destination[4] = (byte)(0x100 - length);
        destination[5] = HostToPn532;
        destination[6] = command;
        parameters.CopyTo(destination[7..]);
        var sum = (byte)(HostToPn532 + command);
        foreach (var b in parameters)
        {
            sum += b;
        }

        destination[7 + parameters.Length] = (byte)(0x100 - sum);
        destination[8 + parameters.Length] = 0x00;
        return 9 + parameters.Length;
    }

    /// <summary>
    /// Sends <paramref name="command"/> (after <paramref name="prefix"/>, e.g. the HSU wake-up bytes) and reads the ACK and the
    /// response; the response data after the response code lands in <paramref name="response"/>.
    /// </summary>
    public Pn532Exchange Exchange(byte command, ReadOnlySpan<byte> parameters, Span<byte> response, ReadOnlySpan<byte> prefix = default)
    {
        Span<byte> outgoing = stackalloc byte[prefix.Length + 9 + parameters.Length];
        prefix.CopyTo(outgoing);
        BuildFrame(command, parameters, outgoing[prefix.Length..]);

        // Late bytes of a previous exchange would be mistaken for this one's answer.
        port.DiscardInput();
        _rxStart = _rxEnd = 0;
        port.Write(outgoing);

        var deadline = timeProvider.GetTimestamp() + (long)(responseTimeout.TotalSeconds * timeProvider.TimestampFrequency);
        var (kind, length, stray, problem) = ReadFrame(deadline);
        switch (kind)
        {
            case FrameKind.Timeout when stray == 0 && problem is null:
                return Pn532Exchange.Silent(Describe(command, "no answer"));
            case FrameKind.Timeout:
                return Pn532Exchange.Failed(Describe(command, $"no frame, {stray} stray bytes"));
            case FrameKind.Nack:
                return Pn532Exchange.Failed(Describe(command, "NACK instead of ACK"));
            case FrameKind.Invalid:
                return Pn532Exchange.Failed(Describe(command, problem!));
            case FrameKind.Data:
                return Pn532Exchange.Failed(Describe(command, "response without ACK"));
        }

        (kind, length, stray, problem) = ReadFrame(deadline);
        switch (kind)
        {
            case FrameKind.Timeout:
                return Pn532Exchange.Failed(Describe(command, stray == 0 ? "ACK but no response" : $"ACK then {stray} stray bytes, no response"));
            case FrameKind.Ack or FrameKind.Nack:
                return Pn532Exchange.Failed(Describe(command, "second ACK/NACK instead of a response"));
            case FrameKind.Invalid:
                return Pn532Exchange.Failed(Describe(command, problem!));
        }

        // _frame[0..length] = TFI, response code, data.
        if (length == 1 && _frame[0] == ErrorFrameIdentifier)
        {
            return Pn532Exchange.Failed(Describe(command, "PN532 error frame (application-level error)"));
        }

        if (length < 2 || _frame[0] != Pn532ToHost)
        {
            return Pn532Exchange.Failed(Describe(command, string.Create(CultureInfo.InvariantCulture, $"frame identifier 0x{_frame[0]:X2} instead of D5")));
        }

        if (_frame[1] != (byte)(command + 1))
        {
            return Pn532Exchange.Failed(Describe(command, string.Create(CultureInfo.InvariantCulture, $"response code 0x{_frame[1]:X2} instead of 0x{command + 1:X2}")));
        }

        var dataLength = length - 2;
        if (dataLength > response.Length)
        {
            return Pn532Exchange.Failed(Describe(command, string.Create(CultureInfo.InvariantCulture, $"{dataLength} response bytes, at most {response.Length} expected")));
        }

        _frame.AsSpan(2, dataLength).CopyTo(response);
        return new Pn532Exchange(Pn532ExchangeStatus.Ok, dataLength, null);
    }

    private static string Describe(byte command, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"command 0x{command:X2}: {what}");

    /// <summary>Reads one frame into <see cref="_frame"/> (TFI + data for a data frame).</summary>
    private (FrameKind Kind, int Length, int Stray, string? Problem) ReadFrame(long deadline)
    {
        var stray = 0;
        var previous = -1;
        while (true)
        {
            if (!TryReadByte(deadline, out var b))
            {
                return (FrameKind.Timeout, 0, stray, null);
            }

            if (previous == 0x00 && b == 0xFF)
            {
                break;
            }

            // Preamble zeros (and the HSU wake-up 0x55 echo some clones send) are not noise.
            if (b is not 0x00 and not 0x55)
            {
                stray++;
                if (stray > MaxStrayBytes)
                {
                    return (FrameKind.Invalid, 0, stray, $"noise: over {MaxStrayBytes} bytes without a start code");
                }
            }

            previous = b;
        }

        if (!TryReadByte(deadline, out var len) || !TryReadByte(deadline, out var lcs))
        {
            return (FrameKind.Invalid, 0, stray, "frame cut after the start code");
        }

        if (len == 0x00 && lcs == 0xFF)
        {
            return (FrameKind.Ack, 0, stray, null);
        }

        if (len == 0xFF && lcs == 0x00)
        {
            return (FrameKind.Nack, 0, stray, null);
        }

        if (len == 0xFF && lcs == 0xFF)
        {
            return (FrameKind.Invalid, 0, stray, "extended frame where none is expected");
        }

        if ((byte)(len + lcs) != 0 || len == 0)
        {
            return (FrameKind.Invalid, 0, stray, string.Create(CultureInfo.InvariantCulture, $"bad length checksum (LEN 0x{len:X2}, LCS 0x{lcs:X2})"));
        }

        byte sum = 0;
        for (var i = 0; i < len; i++)
        {
            if (!TryReadByte(deadline, out _frame[i]))
            {
                return (FrameKind.Invalid, 0, stray, string.Create(CultureInfo.InvariantCulture, $"frame cut after {i} of {len} bytes"));
            }

            sum += _frame[i];
        }

        if (!TryReadByte(deadline, out var dcs))
        {
            return (FrameKind.Invalid, 0, stray, "frame cut before its data checksum");
        }

        if ((byte)(sum + dcs) != 0)
        {
            return (FrameKind.Invalid, 0, stray, "bad data checksum");
        }

        // The postamble is not waited for: the next exchange discards it with any other late byte.
        return (FrameKind.Data, len, stray, null);
    }

    private bool TryReadByte(long deadline, out byte value)
    {
        while (_rxStart == _rxEnd)
        {
            if (timeProvider.GetTimestamp() >= deadline)
            {
                value = 0;
                return false;
            }

            // Blocks at most the port's read timeout: waiting costs no CPU.
            _rxStart = 0;
            _rxEnd = port.Read(_rx);
        }

        value = _rx[_rxStart++];
        return true;
    }
}
