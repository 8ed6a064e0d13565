using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Readers.Wiegand;

/// <summary>
/// The supported Wiegand card formats, both ways. Wire positions count from 0 (the first bit sent):
/// <list type="bullet">
/// <item>26-bit H10301: P(even over 1-12) F×8 C×16 P(odd over 13-24).</item>
/// <item>34-bit: P(even over 1-16) F×16 C×16 P(odd over 17-32).</item>
/// <item>37-bit H10304: P(even over 1-18) F×16 C×19 P(odd over 18-35); the two parity ranges share bit 18.</item>
/// </list>
/// </summary>
public static class WiegandCodec
{
    /// <summary>Decodes a complete frame; <see cref="WiegandFrameStatus.Valid"/> with the credential, or why not.</summary>
    public static WiegandFrameStatus TryDecode(WiegandBits bits, out Credential credential)
    {
        credential = default;
        var layout = LayoutFor(bits.Count);
        if (layout.Kind == CredentialKind.None)
        {
            return WiegandFrameStatus.WrongLength;
        }

        // Even parity: the parity bit plus its range hold an even number of ones; odd parity: an odd number.
        var evenOk = (bits.OnesIn(0, layout.EvenRangeEnd + 1) & 1) == 0;
        var oddOk = ((bits.OnesIn(layout.OddRangeStart, bits.Count - layout.OddRangeStart)) & 1) == 1;
        if (!evenOk || !oddOk)
        {
            return WiegandFrameStatus.ParityError;
        }

        var facility = bits.Field(1, layout.FacilityBits);
        var card = bits.Field(1 + layout.FacilityBits, layout.CardBits);
        return Credential.TryFromWiegand(layout.Kind, facility, card, out credential)
            ? WiegandFrameStatus.Valid
            : WiegandFrameStatus.WrongLength;
    }

    /// <summary>The frame a reader sends for <paramref name="credential"/> (simulation, tests, benchmarks).</summary>
    public static WiegandBits Encode(Credential credential)
    {
        var count = credential.Kind switch
        {
            CredentialKind.Wiegand26 => 26,
            CredentialKind.Wiegand34 => 34,
            CredentialKind.Wiegand37 => 37,
            _ => throw new ArgumentException($"Credential {credential} is not a Wiegand credential.", nameof(credential)),
        };
        var layout = LayoutFor(count);

        // Data bits first with both parity bits at 0, then set each parity bit so its range comes out right.
        var value = (((ulong)credential.Facility << layout.CardBits) | credential.CardNumber) << 1;
        var bits = new WiegandBits(value, count);
        if ((bits.OnesIn(0, layout.EvenRangeEnd + 1) & 1) == 1)
        {
            bits = bits.WithBitFlipped(0);
        }

        if ((bits.OnesIn(layout.OddRangeStart, count - layout.OddRangeStart) & 1) == 0)
        {
            bits = bits.WithBitFlipped(count - 1);
        }

        return bits;
    }

    private static Layout LayoutFor(int count) => count switch
    {
        26 => new Layout(CredentialKind.Wiegand26, FacilityBits: 8, CardBits: 16, EvenRangeEnd: 12, OddRangeStart: 13),
        34 => new Layout(CredentialKind.Wiegand34, FacilityBits: 16, CardBits: 16, EvenRangeEnd: 16, OddRangeStart: 17),
        37 => new Layout(CredentialKind.Wiegand37, FacilityBits: 16, CardBits: 19, EvenRangeEnd: 18, OddRangeStart: 18),
        _ => default,
    };

    /// <summary>Field widths and parity ranges of one format; the even range is 0..EvenRangeEnd, the odd range OddRangeStart..last.</summary>
    private readonly record struct Layout(CredentialKind Kind, int FacilityBits, int CardBits, int EvenRangeEnd, int OddRangeStart);
}
