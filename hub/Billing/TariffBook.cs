namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// Finds the tariff in force for an item at a centre (and office) on a day: the most specific scope that
/// has a tariff in force that day wins (site + zone, then site, then every centre); within a scope, the
/// latest <see cref="Tariff.EffectiveFrom"/> on or before the day.
/// </summary>
public sealed class TariffBook
{
    private readonly Dictionary<(string Item, string? Site, string? Zone), Tariff[]> _byScope = [];

    public TariffBook(IEnumerable<Tariff> tariffs)
    {
        foreach (var group in tariffs.GroupBy(t => (t.Item, t.Site, t.Zone)))
        {
            _byScope[group.Key] = [.. group.OrderBy(t => t.EffectiveFrom).ThenBy(t => t.Id)];
        }
    }

    public Tariff? Find(string item, string site, string? zone, DateOnly day) =>
        (zone is null ? null : InScope(item, site, zone, day)) ?? InScope(item, site, null, day) ?? InScope(item, null, null, day);

    private Tariff? InScope(string item, string? site, string? zone, DateOnly day)
    {
        if (!_byScope.TryGetValue((item, site, zone), out var list))
        {
            return null;
        }

        Tariff? found = null;
        foreach (var tariff in list)
        {
            if (tariff.EffectiveFrom > day)
            {
                break;
            }

            found = tariff;
        }

        return found;
    }
}
