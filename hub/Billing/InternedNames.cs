using System.Text;

namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// Numbers the distinct names (centres, members, rooms) met while reading a month, straight from their UTF-8
/// bytes: a name already seen costs a decode into a reused buffer and a lookup, never a string.
/// </summary>
internal sealed class InternedNames
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byChars;
    private readonly List<string> _names = [];
    private char[] _buffer = new char[128];

    public InternedNames()
    {
        _byChars = _indexes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<string> Names => _names;

    public int Index(string name)
    {
        if (!_indexes.TryGetValue(name, out var index))
        {
            index = _names.Count;
            _names.Add(name);
            _indexes.Add(name, index);
        }

        return index;
    }

    /// <summary>The index of a name given as UTF-8 (decoded as <c>Encoding.UTF8.GetString</c> would).</summary>
    public int Index(ReadOnlySpan<byte> utf8)
    {
        var length = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (length > _buffer.Length)
        {
            _buffer = new char[length];
        }

        var chars = _buffer.AsSpan(0, Encoding.UTF8.GetChars(utf8, _buffer));
        return _byChars.TryGetValue(chars, out var index) ? index : Index(chars.ToString());
    }

    /// <summary>Each name's position in ordinal order (rank[index]).</summary>
    public int[] OrdinalRanks()
    {
        var order = Enumerable.Range(0, _names.Count).ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(_names[a], _names[b]));
        var ranks = new int[order.Length];
        for (var rank = 0; rank < order.Length; rank++)
        {
            ranks[order[rank]] = rank;
        }

        return ranks;
    }
}
