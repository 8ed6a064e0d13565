namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>
/// BER encoding of the SNMP subset (X.690 definite lengths, minimal forms). SNMP messages are a few hundred bytes,
/// so building each element as its own array is simpler than a back-patching writer and costs nothing that matters.
/// </summary>
public static class BerEncoder
{
    public static byte[] Tlv(byte tag, ReadOnlySpan<byte> content)
    {
        var length = EncodeLength(content.Length);
        var result = new byte[1 + length.Length + content.Length];
        result[0] = tag;
        length.CopyTo(result, 1);
        content.CopyTo(result.AsSpan(1 + length.Length));
        return result;
    }

    public static byte[] Sequence(byte tag, params byte[][] elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var content = new byte[elements.Sum(e => e.Length)];
        var offset = 0;
        foreach (var element in elements)
        {
            element.CopyTo(content, offset);
            offset += element.Length;
        }

        return Tlv(tag, content);
    }

    /// <summary>Short form below 128, otherwise 0x80 | count followed by the big-endian length bytes.</summary>
    public static byte[] EncodeLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length < 0x80)
        {
            return [(byte)length];
        }

        var count = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
        var result = new byte[1 + count];
        result[0] = (byte)(0x80 | count);
        for (var i = 0; i < count; i++)
        {
            result[count - i] = (byte)(length >> (8 * i));
        }

        return result;
    }

    /// <summary>Two's complement in the fewest bytes (a leading 00 or FF only when the sign bit needs it).</summary>
    public static byte[] Integer(long value) => Tlv(BerTag.Integer, SignedContent(value));

    /// <summary>An unsigned application type (Counter32, Gauge32, TimeTicks, Counter64): a 00 is prefixed when the top bit is set.</summary>
    public static byte[] Unsigned(byte tag, ulong value)
    {
        Span<byte> buffer = stackalloc byte[9];
        var start = 8;
        buffer[8] = (byte)value;
        for (var rest = value >> 8; rest != 0; rest >>= 8)
        {
            buffer[--start] = (byte)rest;
        }

        if ((buffer[start] & 0x80) != 0)
        {
            buffer[--start] = 0;
        }

        return Tlv(tag, buffer[start..]);
    }

    public static byte[] OctetString(ReadOnlySpan<byte> value) => Tlv(BerTag.OctetString, value);

    public static byte[] Null() => [BerTag.Null, 0];

    /// <summary>First two sub-identifiers combined as 40*X+Y, every sub-identifier base 128 with the high bit on all but its last byte.</summary>
    public static byte[] ObjectIdentifier(SnmpOid oid)
    {
        ArgumentNullException.ThrowIfNull(oid);
        var components = oid.Components;
        var content = new List<byte>(components.Length + 4);
        AppendBase128(content, (ulong)components[0] * 40 + components[1]);
        for (var i = 2; i < components.Length; i++)
        {
            AppendBase128(content, components[i]);
        }

        return Tlv(BerTag.ObjectIdentifier, content.ToArray());
    }

    public static byte[] Value(SnmpValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Type switch
        {
            SnmpValueType.Integer => Integer(value.Number),
            SnmpValueType.OctetString or SnmpValueType.IpAddress or SnmpValueType.Opaque => Tlv((byte)value.Type, value.Bytes),
            SnmpValueType.ObjectIdentifier => ObjectIdentifier(value.Oid!),
            SnmpValueType.Counter32 or SnmpValueType.Gauge32 or SnmpValueType.TimeTicks or SnmpValueType.Counter64 =>
                Unsigned((byte)value.Type, value.Unsigned),
            _ => [(byte)value.Type, 0],
        };
    }

    private static byte[] SignedContent(long value)
    {
        Span<byte> buffer = stackalloc byte[8];
        for (var i = 0; i < 8; i++)
        {
            buffer[7 - i] = (byte)(value >> (8 * i));
        }

        // Drop a leading byte while it only repeats the sign of the next one.
        var start = 0;
        while (start < 7 && ((buffer[start] == 0x00 && (buffer[start + 1] & 0x80) == 0) || (buffer[start] == 0xFF && (buffer[start + 1] & 0x80) != 0)))
        {
            start++;
        }

        return buffer[start..].ToArray();
    }

    private static void AppendBase128(List<byte> content, ulong value)
    {
        Span<byte> buffer = stackalloc byte[10];
        var count = 0;
        do
        {
            buffer[count++] = (byte)(value & 0x7F);
            value >>= 7;
        }
        while (value != 0);

        for (var i = count - 1; i >= 0; i--)
        {
            content.Add((byte)(buffer[i] | (i > 0 ? 0x80 : 0)));
        }
    }
}
