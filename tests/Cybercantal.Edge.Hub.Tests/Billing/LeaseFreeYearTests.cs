using Cybercantal.Edge.Hub.Billing;

namespace Cybercantal.Edge.Hub.Tests.Billing;

public sealed class LeaseFreeYearTests
{
    [Theory]
    [InlineData("2026-03-15", "2027-03-15")]
    [InlineData("2026-01-31", "2027-01-31")]
    [InlineData("2026-12-31", "2027-12-31")]
    [InlineData("2028-02-29", "2029-03-01")]
    [InlineData("2024-02-29", "2025-03-01")]
    [InlineData("2027-02-28", "2028-02-28")]
    [InlineData("2027-03-01", "2028-03-01")]
    public void The_lease_is_billed_from_its_first_anniversary(string start, string firstBillable) =>
        Assert.Equal(DateOnly.Parse(firstBillable, System.Globalization.CultureInfo.InvariantCulture),
            LeaseFreeYear.FirstBillableDay(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture)));
}
