namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// One line of a member's monthly statement at one centre: an item over a period of days priced by one
/// tariff. The quantity is the exact fraction <see cref="QuantityNumerator"/>/<see cref="QuantityDenominator"/>
/// of <see cref="Unit"/> (pages /1, visio minutes /60 hours, office days / days of the month); all amounts in
/// integer euro cents. <see cref="MemberName"/> is the member's display name at the hub when the lines are read
/// (null when the member has been deleted since; not stored with the line).
/// </summary>
public sealed record StatementLine(
    string Month,
    string Site,
    string Member,
    int Position,
    string Item,
    string? Resource,
    DateOnly From,
    DateOnly To,
    long QuantityNumerator,
    long QuantityDenominator,
    string Unit,
    long UnitPriceCents,
    long AmountExclCents,
    int VatBasisPoints,
    long VatCents,
    long AmountInclCents,
    string? MemberName = null);
