namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// The free first year of a private-office lease. The lease is free from its start day up to the day
/// before its first anniversary, inclusive; it is billed from the anniversary on. The anniversary is the
/// same day of the same month one year later; when that day does not exist (a lease starting on 29 February
/// and a non-leap following year) it is the first day of the next month, so the lessee never gets less than
/// twelve full months: a lease from 2028-02-29 is free until 2029-02-28 inclusive, billed from 2029-03-01;
/// a lease from 2026-01-31 is free until 2027-01-30 inclusive, billed from 2027-01-31.
/// </summary>
public static class LeaseFreeYear
{
    public static DateOnly FirstBillableDay(DateOnly leaseStart)
    {
        var year = leaseStart.Year + 1;
        return leaseStart.Day <= DateTime.DaysInMonth(year, leaseStart.Month)
            ? new DateOnly(year, leaseStart.Month, leaseStart.Day)
            : new DateOnly(year, leaseStart.Month, 1).AddMonths(1);
    }
}
