namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// A dated price: applies to <see cref="Item"/> from <see cref="EffectiveFrom"/> (Paris date, inclusive)
/// until the next tariff of the same scope. Scope: <see cref="Site"/> null = every centre; for offices
/// <see cref="Zone"/> names the office. Unit price in integer cents (per month, page or hour);
/// <see cref="FreePerMonth"/> is the monthly free allowance in the measured unit (pages, minutes).
/// </summary>
public sealed record Tariff(long Id, string Item, string? Site, string? Zone, DateOnly EffectiveFrom, long UnitPriceCents, long FreePerMonth);
