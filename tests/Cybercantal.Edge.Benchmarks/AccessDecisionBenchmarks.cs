using BenchmarkDotNet.Attributes;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>
/// One access decision against a full-size snapshot (100,000 members, 250,000 badges, 10,000 rights).
/// Expect a few hundred nanoseconds and 0 bytes allocated.
/// </summary>
[MemoryDiagnoser]
public class AccessDecisionBenchmarks
{
    private AccessDecisionEngine _engine = null!;
    private DoorConfiguration _openSpace = null!;
    private DoorConfiguration _office = null!;
    private Credential _known;
    private Credential _unknown;
    private Credential _lessee;

    [GlobalSetup]
    public void Setup()
    {
        var builder = new AccessSnapshotBuilder(AccessStoreGenerator.DefaultMembers, AccessStoreGenerator.DefaultBadges);
        AccessStoreGenerator.Fill(builder);
        var site = BenchmarkSite.Create();
        _engine = new AccessDecisionEngine(site, new AccessStore(builder.Build()));
        _openSpace = site.Door("open-space");
        _office = site.Door("bureau-1");
        _known = AccessStoreGenerator.BadgeCredential(123_457);
        _unknown = AccessStoreGenerator.BadgeCredential(AccessStoreGenerator.DefaultBadges + 42);
        // Generated member 1 leases bureau-1; badge 1 belongs to it.
        _lessee = AccessStoreGenerator.BadgeCredential(1);
    }

    [Benchmark(Baseline = true)]
    public AccessDecision KnownBadgeGranted() => _engine.Decide(_known, _openSpace, BenchmarkSite.TuesdayMorning);

    [Benchmark]
    public AccessDecision UnknownBadge() => _engine.Decide(_unknown, _openSpace, BenchmarkSite.TuesdayMorning);

    [Benchmark]
    public AccessDecision OfficeLease() => _engine.Decide(_lessee, _office, BenchmarkSite.TuesdayMorning);
}
