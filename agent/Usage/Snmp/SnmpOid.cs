using System.Globalization;
using System.Text;

namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>An OBJECT IDENTIFIER as its sub-identifiers (each 0..2^32-1), e.g. 1.3.6.1.2.1.43.10.2.1.4.1.1.</summary>
public sealed class SnmpOid : IEquatable<SnmpOid>
{
    /// <summary>SNMP limits an OID to 128 sub-identifiers (RFC 2578 §3.5); longer ones are refused when parsed or decoded.</summary>
    public const int MaxLength = 128;

    private readonly uint[] _components;

    public SnmpOid(params uint[] components)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (Describe(components) is { } problem)
        {
            throw new ArgumentException(problem, nameof(components));
        }

        _components = (uint[])components.Clone();
    }

    private SnmpOid(uint[] components, bool _) => _components = components;

    public ReadOnlySpan<uint> Components => _components;

    public int Length => _components.Length;

    /// <summary>Parses dotted text ("1.3.6.1..." or ".1.3.6.1..."); throws <see cref="FormatException"/> naming the problem.</summary>
    public static SnmpOid Parse(string text) =>
        TryParse(text, out var oid, out var error) ? oid : throw new FormatException($"'{text}' is not an OID: {error}");

    public static bool TryParse(string? text, out SnmpOid oid) => TryParse(text, out oid, out _);

    public static bool TryParse(string? text, out SnmpOid oid, out string error)
    {
        oid = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty";
            return false;
        }

        var parts = text.Trim().TrimStart('.').Split('.');
        var components = new uint[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0 || !uint.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out components[i]))
            {
                error = $"sub-identifier {i + 1} ('{parts[i]}') is not a number in 0..4294967295";
                return false;
            }
        }

        if (Describe(components) is { } problem)
        {
            error = problem;
            return false;
        }

        oid = new SnmpOid(components, false);
        error = "";
        return true;
    }

    /// <summary>Wraps already validated components without copying (the decoder owns the array).</summary>
    internal static SnmpOid FromValidated(uint[] components) => new(components, false);

    /// <summary>Why these sub-identifiers cannot form an encodable OID, or null when they can.</summary>
    internal static string? Describe(ReadOnlySpan<uint> components)
    {
        if (components.Length < 2)
        {
            return "an OID needs at least two sub-identifiers";
        }

        if (components.Length > MaxLength)
        {
            return $"{components.Length} sub-identifiers, more than the SNMP limit of {MaxLength}";
        }

        if (components[0] > 2)
        {
            return $"the first sub-identifier must be 0, 1 or 2, not {components[0]}";
        }

        if (components[0] < 2 && components[1] >= 40)
        {
            return $"under {components[0]} the second sub-identifier must be below 40, not {components[1]}";
        }

        if (components[0] == 2 && components[1] > uint.MaxValue - 80)
        {
            return "the second sub-identifier is too large to combine with the first";
        }

        return null;
    }

    public bool StartsWith(SnmpOid prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return Components.StartsWith(prefix.Components);
    }

    public bool Equals(SnmpOid? other) => other is not null && Components.SequenceEqual(other.Components);

    public override bool Equals(object? obj) => Equals(obj as SnmpOid);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var component in _components)
        {
            hash.Add(component);
        }

        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var text = new StringBuilder(_components.Length * 3);
        foreach (var component in _components)
        {
            if (text.Length > 0)
            {
                text.Append('.');
            }

            text.Append(component.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static bool operator ==(SnmpOid? left, SnmpOid? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(SnmpOid? left, SnmpOid? right) => !(left == right);
}
