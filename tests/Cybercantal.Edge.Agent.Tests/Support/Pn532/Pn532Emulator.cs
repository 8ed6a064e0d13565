using System.IO.Ports;

namespace Cybercantal.Edge.Agent.Tests.Support.Pn532;

/// <summary>
/// Plays a PN532 in HSU mode on the card end of a <see cref="SocatPtyPair"/>: parses host frames
/// (<c>00 00 FF LEN LCS D4 CMD DATA DCS 00</c>, wake-up 0x55 bytes, host ACKs), answers ACK then
/// <c>D5 CMD+1</c> responses for GetFirmwareVersion, SAMConfiguration, SetParameters, RFConfiguration,
/// InListPassiveTarget (one type A card or none), InRelease/InDeselect; anything else gets the error frame.
/// Test knobs: present/remove a card, spoil the next poll answers.
/// </summary>
public sealed class Pn532Emulator : IDisposable
{
    private static readonly byte[] Ack = [0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00];
    private static readonly byte[] ErrorFrame = [0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00];

    private readonly SerialPort _port;
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private readonly List<byte[]> _commands = [];
    private readonly Queue<Pn532EmulatorFault> _faults = new();
    private readonly List<byte> _input = [];
    private volatile bool _stopping;
    private byte[]? _card;
    private int _cardPolls;
    private int _emptyPolls;
    private int _spoiledPolls;
    private int _wakeUps;

    public Pn532Emulator(string cardPath)
    {
        _port = new SerialPort(cardPath, 115_200, Parity.None, 8, StopBits.One) { ReadTimeout = 50, WriteTimeout = 1_000 };
        _port.Open();
        _thread = new Thread(Run) { IsBackground = true, Name = "PN532 emulator" };
        _thread.Start();
    }

    /// <summary>Polls answered with a card.</summary>
    public int CardPolls => Volatile.Read(ref _cardPolls);

    /// <summary>Polls answered with an empty field.</summary>
    public int EmptyPolls => Volatile.Read(ref _emptyPolls);

    /// <summary>Polls answered with an injected fault.</summary>
    public int SpoiledPolls => Volatile.Read(ref _spoiledPolls);

    /// <summary>Wake-up sequences (0x55 0x55) seen.</summary>
    public int WakeUps => Volatile.Read(ref _wakeUps);

    /// <summary>Every valid host command received: command code then parameters.</summary>
    public IReadOnlyList<byte[]> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>Puts a card on the reader; any length is accepted so tests can send bad UIDs.</summary>
    public void PresentCard(params byte[] uid)
    {
        lock (_gate)
        {
            _card = [.. uid];
        }
    }

    public void RemoveCard()
    {
        lock (_gate)
        {
            _card = null;
        }
    }

    /// <summary>The next <paramref name="count"/> InListPassiveTarget answers are spoiled with <paramref name="fault"/>.</summary>
    public void InjectFaults(Pn532EmulatorFault fault, int count)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue(fault);
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join(2_000);
        try
        {
            _port.Dispose();
        }
        catch (IOException)
        {
            // The pty vanished with socat.
        }
    }

    private void Run()
    {
        var buffer = new byte[512];
        while (!_stopping)
        {
            int read;
            try
            {
                read = _port.Read(buffer, 0, buffer.Length);
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
            {
                return;
            }

            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == 0x55 && i + 1 < read && buffer[i + 1] == 0x55)
                {
                    Interlocked.Increment(ref _wakeUps);
                }
            }

            _input.AddRange(buffer.AsSpan(0, read));
            try
            {
                ParseFrames();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException)
            {
                return;
            }
        }
    }

    private void ParseFrames()
    {
        while (true)
        {
            var start = -1;
            for (var i = 0; i + 1 < _input.Count; i++)
            {
                if (_input[i] == 0x00 && _input[i + 1] == 0xFF)
                {
                    start = i;
                    break;
                }
            }

            if (start < 0)
            {
                // Keep a trailing 0x00: it may be the first half of a start code.
                var keep = _input.Count > 0 && _input[^1] == 0x00 ? 1 : 0;
                _input.RemoveRange(0, _input.Count - keep);
                return;
            }

            if (_input.Count < start + 4)
            {
                return;
            }

            var len = _input[start + 2];
            var lcs = _input[start + 3];
            if (len == 0x00 && lcs == 0xFF)
            {
                // Host ACK (abort): nothing to answer.
                _input.RemoveRange(0, start + 4);
                continue;
            }

            if ((byte)(len + lcs) != 0 || len < 2)
            {
                _input.RemoveRange(0, start + 2);
                continue;
            }

            var frameEnd = start + 4 + len + 1;
            if (_input.Count < frameEnd)
            {
                return;
            }

            var body = _input.GetRange(start + 4, len).ToArray();
            var dcs = _input[start + 4 + len];
            _input.RemoveRange(0, frameEnd);
            byte sum = dcs;
            foreach (var b in body)
            {
                sum += b;
            }

            if (sum != 0 || body[0] != 0xD4)
            {
                continue;
            }

            Answer(body[1], body[2..]);
        }
    }

    private void Answer(byte command, byte[] parameters)
    {
        lock (_gate)
        {
            _commands.Add([command, .. parameters]);
        }

        switch (command)
        {
            case 0x02: // GetFirmwareVersion: IC 0x32, firmware 1.6, ISO 18092 + 14443-A + 14443-B.
                Respond(command, [0x32, 0x01, 0x06, 0x07]);
                break;
            case 0x12: // SetParameters
            case 0x14: // SAMConfiguration
            case 0x32: // RFConfiguration
                Respond(command, []);
                break;
            case 0x44: // InDeselect
            case 0x52: // InRelease
                Respond(command, [0x00]);
                break;
            case 0x4A:
                AnswerListPassiveTarget();
                break;
            default:
                Write(Ack);
                Write(ErrorFrame);
                break;
        }
    }

    private void AnswerListPassiveTarget()
    {
        byte[]? card;
        Pn532EmulatorFault? fault = null;
        lock (_gate)
        {
            card = _card;
            if (_faults.Count > 0)
            {
                fault = _faults.Dequeue();
            }
        }

        byte[] data = card is null
            ? [0x00]
            : [0x01, 0x01, 0x00, card.Length == 4 ? (byte)0x04 : (byte)0x44, card.Length == 4 ? (byte)0x08 : (byte)0x00, (byte)card.Length, .. card];
        switch (fault)
        {
            case null:
                Respond(0x4A, data);
                Interlocked.Increment(ref card is null ? ref _emptyPolls : ref _cardPolls);
                return;
            case Pn532EmulatorFault.Malformed:
                Write(Ack);
                Write([0x00, 0x00, 0xFF, 0x05, 0xF0, 0xD5, 0x4B, 0x00, 0x00, 0x00]);
                break;
            case Pn532EmulatorFault.BadChecksum:
                Write(Ack);
                var frame = Frame(0x4B, data);
                frame[^2]++;
                Write(frame);
                break;
            case Pn532EmulatorFault.Noise:
                var noise = new byte[40];
                Random.Shared.NextBytes(noise);
                for (var i = 0; i < noise.Length; i++)
                {
                    // No accidental start code: this is noise, not a frame.
                    noise[i] = (byte)(noise[i] is 0x00 or 0xFF ? 0xA5 : noise[i]);
                }

                Write(noise);
                break;
            case Pn532EmulatorFault.Silence:
                break;
        }

        Interlocked.Increment(ref _spoiledPolls);
    }

    private void Respond(byte command, byte[] data)
    {
        Write(Ack);
        Write(Frame((byte)(command + 1), data));
    }

    private static byte[] Frame(byte responseCode, byte[] data)
    {
        var len = (byte)(2 + data.Length);
        byte sum = (byte)(0xD5 + responseCode);
        foreach (var b in data)
        {
            sum += b;
        }

        return [0x00, 0x00, 0xFF, len, (byte)(0x100 - len), 0xD5, responseCode, .. data, (byte)(0x100 - sum), 0x00];
    }

    private void Write(byte[] bytes) => _port.Write(bytes, 0, bytes.Length);
}
