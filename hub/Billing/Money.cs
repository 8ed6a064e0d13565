namespace Cybercantal.Edge.Hub.Billing;

/// <summary>Integer-cent arithmetic: every division rounds half up (amounts are never negative).</summary>
public static class Money
{
    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/> rounded to the nearest cent, halves up.</summary>
    public static long DivideRounded(long numerator, long denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        return checked((numerator + (denominator / 2)) / denominator);
    }

    /// <summary>VAT of one line: excl. × rate (basis points) / 10 000, rounded to the cent, halves up.</summary>
    public static long Vat(long amountExclCents, int basisPoints) => DivideRounded(checked(amountExclCents * basisPoints), 10_000);
}
