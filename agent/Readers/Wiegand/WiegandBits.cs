namespace Cybercantal.Edge.Agent.Readers.Wiegand;

/// <summary>
/// The bits of one Wiegand frame in arrival order: the first bit received is the most significant of
/// <see cref="Value"/>. <see cref="Count"/> may exceed 64 for a runaway noisy line; only the last 64 bits are kept then.
/// </summary>
public readonly record struct WiegandBits(ulong Value, int Count)
{
    /// <summary>The bit received in position <paramref name="index"/> (0 = first on the wire).</summary>
    public int Bit(int index) =>
        index < 0 || index >= Count || Count > 64
            ? throw new ArgumentOutOfRangeException(nameof(index), index, $"A {Count}-bit frame has no bit {index}.")
            : (int)((Value >> (Count - 1 - index)) & 1);

    /// <summary>The unsigned field of <paramref name="length"/> bits starting at wire position <paramref name="start"/>.</summary>
    public uint Field(int start, int length) =>
        (uint)((Value >> (Count - start - length)) & ((1UL << length) - 1));

    /// <summary>Number of ones among wire positions <paramref name="start"/>..<paramref name="start"/>+<paramref name="length"/>-1.</summary>
    public int OnesIn(int start, int length) => System.Numerics.BitOperations.PopCount(
        (Value >> (Count - start - length)) & ((1UL << length) - 1));

    /// <summary>The same frame with one bit inverted (tests, simulation of a bad line).</summary>
    public WiegandBits WithBitFlipped(int index) => this with { Value = Value ^ (1UL << (Count - 1 - index)) };

    /// <summary>The bits as 0/1 text in arrival order, for fault messages.</summary>
    public override string ToString()
    {
        if (Count > 64)
        {
            return $"{Count} bits";
        }

        return string.Create(Count, this, static (span, bits) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('0' + bits.Bit(i));
            }
        });
    }
}
