using System.Globalization;
using System.Net;
using System.Text;

namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>
/// The value of a variable binding. Numbers are kept in <see cref="Number"/> (signed, INTEGER) or
/// <see cref="Unsigned"/> (Counter32, Gauge32, TimeTicks, Counter64); bytes for OCTET STRING, IpAddress and Opaque.
/// </summary>
public sealed class SnmpValue : IEquatable<SnmpValue>
{
    private static readonly byte[] NoBytes = [];

    private SnmpValue(SnmpValueType type, long number = 0, ulong unsigned = 0, byte[]? bytes = null, SnmpOid? oid = null)
    {
        Type = type;
        Number = number;
        Unsigned = unsigned;
        _bytes = bytes ?? NoBytes;
        Oid = oid;
    }

    private readonly byte[] _bytes;

    public static SnmpValue Null { get; } = new(SnmpValueType.Null);

    public static SnmpValue NoSuchObject { get; } = new(SnmpValueType.NoSuchObject);

    public static SnmpValue NoSuchInstance { get; } = new(SnmpValueType.NoSuchInstance);

    public static SnmpValue EndOfMibView { get; } = new(SnmpValueType.EndOfMibView);

    public SnmpValueType Type { get; }

    /// <summary>The INTEGER value (0 for other types).</summary>
    public long Number { get; }

    /// <summary>The Counter32, Gauge32, TimeTicks or Counter64 value (0 for other types).</summary>
    public ulong Unsigned { get; }

    /// <summary>The bytes of an OCTET STRING, IpAddress or Opaque (empty for other types).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The value of an OBJECT IDENTIFIER, null for other types.</summary>
    public SnmpOid? Oid { get; }

    /// <summary>noSuchObject, noSuchInstance or endOfMibView: the agent has no value, the variable binding says why (v2c).</summary>
    public bool IsException => Type is SnmpValueType.NoSuchObject or SnmpValueType.NoSuchInstance or SnmpValueType.EndOfMibView;

    public static SnmpValue Integer(long value) => new(SnmpValueType.Integer, number: value);

    public static SnmpValue Counter32(uint value) => new(SnmpValueType.Counter32, unsigned: value);

    public static SnmpValue Gauge32(uint value) => new(SnmpValueType.Gauge32, unsigned: value);

    public static SnmpValue TimeTicks(uint value) => new(SnmpValueType.TimeTicks, unsigned: value);

    public static SnmpValue Counter64(ulong value) => new(SnmpValueType.Counter64, unsigned: value);

    public static SnmpValue OctetString(ReadOnlySpan<byte> value) => new(SnmpValueType.OctetString, bytes: value.ToArray());

    public static SnmpValue OctetString(string value) => new(SnmpValueType.OctetString, bytes: Encoding.UTF8.GetBytes(value));

    public static SnmpValue Opaque(ReadOnlySpan<byte> value) => new(SnmpValueType.Opaque, bytes: value.ToArray());

    public static SnmpValue ObjectIdentifier(SnmpOid value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(SnmpValueType.ObjectIdentifier, oid: value);
    }

    public static SnmpValue IpAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bytes = address.GetAddressBytes();
        return bytes.Length == 4
            ? new(SnmpValueType.IpAddress, bytes: bytes)
            : throw new ArgumentException("an SNMP IpAddress is an IPv4 address", nameof(address));
    }

    /// <summary>Builds a value of an exception or NULL type from its tag.</summary>
    internal static SnmpValue Empty(SnmpValueType type) => type switch
    {
        SnmpValueType.Null => Null,
        SnmpValueType.NoSuchObject => NoSuchObject,
        SnmpValueType.NoSuchInstance => NoSuchInstance,
        SnmpValueType.EndOfMibView => EndOfMibView,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a value without content"),
    };

    internal static SnmpValue FromBytes(SnmpValueType type, byte[] bytes) => new(type, bytes: bytes);

    /// <summary>The value as a non-negative count when it is a number (Counter32/64, Gauge32, TimeTicks, INTEGER &gt;= 0).</summary>
    public bool TryGetCount(out ulong count)
    {
        switch (Type)
        {
            case SnmpValueType.Counter32 or SnmpValueType.Gauge32 or SnmpValueType.TimeTicks or SnmpValueType.Counter64:
                count = Unsigned;
                return true;
            case SnmpValueType.Integer when Number >= 0:
                count = (ulong)Number;
                return true;
            default:
                count = 0;
                return false;
        }
    }

    public bool Equals(SnmpValue? other) =>
        other is not null && Type == other.Type && Number == other.Number && Unsigned == other.Unsigned
        && Bytes.SequenceEqual(other.Bytes) && Oid == other.Oid;

    public override bool Equals(object? obj) => Equals(obj as SnmpValue);

    public override int GetHashCode() => HashCode.Combine(Type, Number, Unsigned, _bytes.Length, Oid);

    public override string ToString() => Type switch
    {
        SnmpValueType.Integer => string.Create(CultureInfo.InvariantCulture, $"INTEGER {Number}"),
        SnmpValueType.Counter32 or SnmpValueType.Gauge32 or SnmpValueType.TimeTicks or SnmpValueType.Counter64 =>
            string.Create(CultureInfo.InvariantCulture, $"{Type} {Unsigned}"),
        SnmpValueType.OctetString or SnmpValueType.Opaque => $"{Type} ({_bytes.Length} bytes)",
        SnmpValueType.IpAddress => $"IpAddress {new IPAddress(_bytes)}",
        SnmpValueType.ObjectIdentifier => $"OID {Oid}",
        SnmpValueType.NoSuchObject => "noSuchObject",
        SnmpValueType.NoSuchInstance => "noSuchInstance",
        SnmpValueType.EndOfMibView => "endOfMibView",
        _ => "NULL",
    };
}
