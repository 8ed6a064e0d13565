namespace Cybercantal.Edge.Hub.Billing;

/// <summary>Body of <c>POST /api/billing/tariffs</c>.</summary>
public sealed record TariffRequest
{
    /// <summary><c>office</c>, <c>copier-page</c> or <c>visio-hour</c>.</summary>
    public string? Item { get; init; }

    /// <summary>The centre; omitted = every centre (admin key only).</summary>
    public string? Site { get; init; }

    /// <summary>For <c>office</c>: the office (lease zone); omitted = every office of the centre.</summary>
    public string? Zone { get; init; }

    public DateOnly? EffectiveFrom { get; init; }

    public long? UnitPriceCents { get; init; }

    public long? FreePerMonth { get; init; }
}
