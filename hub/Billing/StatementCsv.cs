using System.Globalization;
using System.Text;

namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// The accountant's export of a month's statements, for French Excel: UTF-8 with a byte-order mark, ';'
/// separator, CRLF line ends, French headers first, one line per member, month, item and tariff period; the
/// member's display name follows the member id (empty for a member deleted since the month was closed).
/// Reproducible: lines in (centre, member, line) ordinal order, numbers written from integers by hand (never
/// through a culture): amounts in euros with a ',' and two decimals, quantities with up to four decimals
/// (rounded half up, trailing zeros removed), dates dd/MM/yyyy, VAT rate in percent with two decimals.
/// </summary>
public static class StatementCsv
{
    public const string Header = "Mois;Centre;Membre;Nom du membre;Article;Du;Au;Quantité;Unité;Prix unitaire HT;Montant HT;Taux TVA (%);Montant TVA;Montant TTC";

    public const string LineEnd = "\r\n";

    /// <summary>UTF-8 with BOM.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static byte[] Bytes(IEnumerable<StatementLine> lines)
    {
        var text = new StringBuilder(Header).Append(LineEnd);
        foreach (var line in lines)
        {
            text.Append(Line(line)).Append(LineEnd);
        }

        return [.. Encoding.GetPreamble(), .. Encoding.GetBytes(text.ToString())];
    }

    public static string Line(StatementLine l) => string.Join(';',
        l.Month,
        Field(l.Site),
        Field(l.Member),
        Field(l.MemberName ?? string.Empty),
        Field(BillingItems.Label(l.Item) + (l.Resource is null ? string.Empty : " " + l.Resource)),
        l.From.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        l.To.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        Quantity(l.QuantityNumerator, l.QuantityDenominator),
        l.Unit,
        Euros(l.UnitPriceCents),
        Euros(l.AmountExclCents),
        Euros(l.VatBasisPoints),
        Euros(l.VatCents),
        Euros(l.AmountInclCents));

    /// <summary>Integer hundredths as <c>1234,56</c>.</summary>
    public static string Euros(long hundredths) =>
        string.Create(CultureInfo.InvariantCulture, $"{(hundredths < 0 ? "-" : string.Empty)}{Math.Abs(hundredths) / 100},{Math.Abs(hundredths) % 100:D2}");

    /// <summary>A fraction with up to four decimals, halves up, trailing zeros removed: 90/60 -> <c>1,5</c>, 10/31 -> <c>0,3226</c>.</summary>
    public static string Quantity(long numerator, long denominator)
    {
        var tenThousandths = Money.DivideRounded(checked(numerator * 10_000), denominator);
        var whole = (tenThousandths / 10_000).ToString(CultureInfo.InvariantCulture);
        var fraction = (tenThousandths % 10_000).ToString("D4", CultureInfo.InvariantCulture).TrimEnd('0');
        return fraction.Length == 0 ? whole : whole + "," + fraction;
    }

    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
