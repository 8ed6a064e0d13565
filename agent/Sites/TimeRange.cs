namespace Cybercantal.Edge.Agent.Sites;

/// <summary>A half-open range of local time within one day: [From, To).</summary>
public readonly record struct TimeRange(TimeOnly From, TimeOnly To)
{
    public bool Contains(TimeOnly time) => time >= From && time < To;
}
