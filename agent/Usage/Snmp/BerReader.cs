namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>
/// Strict BER reader over one span. Every read checks the remaining bytes before touching them, so a malformed,
/// truncated or lying packet ends in <see cref="SnmpDecodeException"/> naming what and the byte offset, never an
/// out-of-range read. Only definite lengths and low tag numbers exist in SNMP; anything else is refused.
/// </summary>
public ref struct BerReader
{
    /// <summary>Longest accepted long-form length: 4 bytes is far beyond any UDP datagram already.</summary>
    private const int MaxLengthBytes = 4;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _base;
    private int _position;

    public BerReader(ReadOnlySpan<byte> data)
        : this(data, 0)
    {
    }

    private BerReader(ReadOnlySpan<byte> data, int baseOffset)
    {
        _data = data;
        _base = baseOffset;
        _position = 0;
    }

    public readonly bool IsEmpty => _position >= _data.Length;

    /// <summary>Offset of the next byte from the start of the whole packet.</summary>
    public readonly int Offset => _base + _position;

    /// <summary>Reads one element: its tag and a span over its content, which is checked to lie inside this reader.</summary>
    public ReadOnlySpan<byte> ReadElement(out byte tag, string what)
    {
        var start = Offset;
        if (IsEmpty)
        {
            throw Fail($"{what} missing: packet ends", start);
        }

        tag = _data[_position++];
        if ((tag & 0x1F) == 0x1F)
        {
            throw Fail($"{what}: multi-byte tag 0x{tag:X2} is not used by SNMP", start);
        }

        var length = ReadLength(what);
        if (length > _data.Length - _position)
        {
            throw Fail($"{what} (tag 0x{tag:X2}) claims {length} content bytes but only {_data.Length - _position} remain", start);
        }

        var content = _data.Slice(_position, length);
        _position += length;
        return content;
    }

    /// <summary>Reads an element that must carry <paramref name="expectedTag"/> and returns a reader over its content.</summary>
    public BerReader ReadConstructed(byte expectedTag, string what)
    {
        var start = Offset;
        var content = ReadElement(out var tag, what);
        ExpectTag(tag, expectedTag, what, start);
        return new BerReader(content, start + (Offset - start - content.Length));
    }

    /// <summary>Reads any constructed element and returns its tag and a reader over its content.</summary>
    public BerReader ReadConstructed(out byte tag, string what)
    {
        var start = Offset;
        var content = ReadElement(out tag, what);
        return new BerReader(content, start + (Offset - start - content.Length));
    }

    public long ReadInteger(string what)
    {
        var start = Offset;
        var content = ReadElement(out var tag, what);
        ExpectTag(tag, BerTag.Integer, what, start);
        return DecodeSigned(content, what, start);
    }

    /// <summary>An INTEGER that must fit in 32 bits (request-id, error-status, error-index, version).</summary>
    public int ReadInteger32(string what)
    {
        var start = Offset;
        var value = ReadInteger(what);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Fail($"{what} {value} does not fit in 32 bits", start);
    }

    public ReadOnlySpan<byte> ReadOctetString(string what)
    {
        var start = Offset;
        var content = ReadElement(out var tag, what);
        ExpectTag(tag, BerTag.OctetString, what, start);
        return content;
    }

    public SnmpOid ReadObjectIdentifier(string what)
    {
        var start = Offset;
        var content = ReadElement(out var tag, what);
        ExpectTag(tag, BerTag.ObjectIdentifier, what, start);
        return DecodeOid(content, what, start);
    }

    public SnmpValue ReadValue(string what)
    {
        var start = Offset;
        var content = ReadElement(out var tag, what);
        switch (tag)
        {
            case BerTag.Integer:
                return SnmpValue.Integer(DecodeSigned(content, what, start));
            case BerTag.OctetString:
                return SnmpValue.OctetString(content);
            case BerTag.Opaque:
                return SnmpValue.Opaque(content);
            case BerTag.ObjectIdentifier:
                return SnmpValue.ObjectIdentifier(DecodeOid(content, what, start));
            case BerTag.IpAddress:
                return content.Length == 4
                    ? SnmpValue.FromBytes(SnmpValueType.IpAddress, content.ToArray())
                    : throw Fail($"{what}: an IpAddress has 4 bytes, not {content.Length}", start);
            case BerTag.Counter32:
                return SnmpValue.Counter32((uint)DecodeUnsigned(content, 4, what, start));
            case BerTag.Gauge32:
                return SnmpValue.Gauge32((uint)DecodeUnsigned(content, 4, what, start));
            case BerTag.TimeTicks:
                return SnmpValue.TimeTicks((uint)DecodeUnsigned(content, 4, what, start));
            case BerTag.Counter64:
                return SnmpValue.Counter64(DecodeUnsigned(content, 8, what, start));
            case BerTag.Null or BerTag.NoSuchObject or BerTag.NoSuchInstance or BerTag.EndOfMibView:
                return content.IsEmpty
                    ? SnmpValue.Empty((SnmpValueType)tag)
                    : throw Fail($"{what}: tag 0x{tag:X2} must have no content, it has {content.Length} bytes", start);
            default:
                throw Fail($"{what}: unknown value tag 0x{tag:X2}", start);
        }
    }

    /// <summary>Fails when bytes are left over: SNMP elements never carry trailing data.</summary>
    public readonly void ExpectEnd(string what)
    {
        if (!IsEmpty)
        {
            throw Fail($"{_data.Length - _position} unexpected trailing bytes after {what}", Offset);
        }
    }

    private int ReadLength(string what)
    {
        var start = Offset;
        if (IsEmpty)
        {
            throw Fail($"{what}: packet ends before the length", start);
        }

        var first = _data[_position++];
        if (first < 0x80)
        {
            return first;
        }

        var count = first & 0x7F;
        if (count == 0)
        {
            throw Fail($"{what}: indefinite length is not allowed in SNMP", start);
        }

        if (count > MaxLengthBytes)
        {
            throw Fail($"{what}: a {count}-byte length is oversized", start);
        }

        if (count > _data.Length - _position)
        {
            throw Fail($"{what}: packet ends inside a {count}-byte length", start);
        }

        long length = 0;
        for (var i = 0; i < count; i++)
        {
            length = (length << 8) | _data[_position++];
        }

        return length > int.MaxValue ? throw Fail($"{what}: length {length} is oversized", start) : (int)length;
    }

    private readonly void ExpectTag(byte tag, byte expected, string what, int start)
    {
        if (tag != expected)
        {
            throw Fail($"{what}: expected tag 0x{expected:X2}, found 0x{tag:X2}", start);
        }
    }

    private static long DecodeSigned(ReadOnlySpan<byte> content, string what, int start)
    {
        if (content.IsEmpty)
        {
            throw Fail($"{what}: an INTEGER has at least one content byte", start);
        }

        if (content.Length > 8)
        {
            throw Fail($"{what}: a {content.Length}-byte INTEGER does not fit in 64 bits", start);
        }

        long value = (sbyte)content[0];
        for (var i = 1; i < content.Length; i++)
        {
            value = (value << 8) | content[i];
        }

        return value;
    }

    /// <summary>
    /// Unsigned application types. The content is read as an unsigned big-endian number after one optional leading
    /// 00: some printer agents send 0xFFFFFFFF as four bytes FF FF FF FF, which strict two's complement would make
    /// negative; reading the magnitude keeps such counters usable while still refusing anything wider than the type.
    /// </summary>
    private static ulong DecodeUnsigned(ReadOnlySpan<byte> content, int maxBytes, string what, int start)
    {
        if (content.IsEmpty)
        {
            throw Fail($"{what}: a number has at least one content byte", start);
        }

        if (content.Length > 1 && content[0] == 0)
        {
            content = content[1..];
        }

        if (content.Length > maxBytes)
        {
            throw Fail($"{what}: {content.Length} value bytes do not fit in {maxBytes * 8} bits", start);
        }

        ulong value = 0;
        foreach (var b in content)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private static SnmpOid DecodeOid(ReadOnlySpan<byte> content, string what, int start)
    {
        if (content.IsEmpty)
        {
            throw Fail($"{what}: an OBJECT IDENTIFIER has at least one content byte", start);
        }

        var components = new List<uint>(content.Length + 1);
        var index = 0;
        while (index < content.Length)
        {
            if (content[index] == 0x80)
            {
                throw Fail($"{what}: sub-identifier {components.Count + 1} starts with 0x80 (not minimally encoded)", start);
            }

            ulong value = 0;
            var bytes = 0;
            while (true)
            {
                if (index >= content.Length)
                {
                    throw Fail($"{what}: the last sub-identifier is truncated (continuation bit set on the final byte)", start);
                }

                var b = content[index++];
                value = (value << 7) | (uint)(b & 0x7F);
                if (++bytes > 5 || value > uint.MaxValue + 80UL)
                {
                    throw Fail($"{what}: sub-identifier {components.Count + 1} does not fit in 32 bits", start);
                }

                if ((b & 0x80) == 0)
                {
                    break;
                }
            }

            if (components.Count == 0)
            {
                // The first encoded number packs X.Y as 40*X+Y, with X at most 2.
                var first = value < 40 ? 0u : value < 80 ? 1u : 2u;
                components.Add(first);
                components.Add((uint)(value - (first * 40)));
            }
            else if (value > uint.MaxValue)
            {
                throw Fail($"{what}: sub-identifier {components.Count + 1} does not fit in 32 bits", start);
            }
            else
            {
                components.Add((uint)value);
            }

            if (components.Count > SnmpOid.MaxLength)
            {
                throw Fail($"{what}: more than {SnmpOid.MaxLength} sub-identifiers", start);
            }
        }

        return SnmpOid.FromValidated([.. components]);
    }

    private static SnmpDecodeException Fail(string message, int offset) => new($"{message} (at byte {offset})");
}
