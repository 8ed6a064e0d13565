using Cybercantal.Edge.Hub.Billing;

namespace Cybercantal.Edge.Hub.Tests.Billing;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(1, 2000, 0)] // 0.2 cent
    [InlineData(3, 2000, 1)] // 0.6 cent
    [InlineData(25, 2000, 5)]
    [InlineData(258, 2000, 52)] // 51.6
    [InlineData(2, 2500, 1)] // exactly half a cent: up
    [InlineData(6, 2500, 2)] // 1.5 cents: up
    [InlineData(8000, 2000, 1600)]
    [InlineData(0, 2000, 0)]
    public void Vat_is_rounded_to_the_cent_halves_up(long excl, int basisPoints, long vat) => Assert.Equal(vat, Money.Vat(excl, basisPoints));

    [Theory]
    [InlineData(1, 1, "1")]
    [InlineData(90, 60, "1,5")]
    [InlineData(10, 31, "0,3226")]
    [InlineData(1, 60, "0,0167")]
    [InlineData(31, 31, "1")]
    public void Quantities_are_written_with_a_comma_and_at_most_four_decimals(long numerator, long denominator, string text) =>
        Assert.Equal(text, StatementCsv.Quantity(numerator, denominator));

    [Theory]
    [InlineData(0, "0,00")]
    [InlineData(5, "0,05")]
    [InlineData(123456, "1234,56")]
    [InlineData(2000, "20,00")]
    public void Euros_are_written_from_cents_without_a_culture(long cents, string text) => Assert.Equal(text, StatementCsv.Euros(cents));
}
