using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Tests.Support;
using Generator = Cybercantal.Edge.Agent.Access.AccessStoreGenerator;

namespace Cybercantal.Edge.Agent.Tests.Access;

/// <summary>Correctness (not timing) of a full-size store: 100,000 members, 250,000 badges, 10,000 rights.</summary>
public sealed class LargeAccessStoreTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_generated_250k_badge_store_loads_and_decides_every_sampled_badge_as_its_formula_says()
    {
        var database = AccessStoreDatabase.Open(_temp.File("large.db"));
        Generator.Generate(database);
        var store = new AccessStore(database);
        Assert.True(store.Reload());
        var snapshot = store.Current;
        Assert.Equal(
            (Generator.DefaultMembers, Generator.DefaultBadges, Generator.DefaultRights),
            (snapshot.MemberCount, snapshot.BadgeCount, snapshot.RightCount));

        var site = AccessTestSite.Create();
        var engine = new AccessDecisionEngine(site, store);
        var openSpace = site.DoorTo("open-space");
        var visio = site.DoorTo("salle-visio");
        var tuesday = AccessTestSite.Local(2026, 12, 1, 10, 0);

        for (var badge = 0; badge < Generator.DefaultBadges; badge += 7)
        {
            var decision = engine.Decide(Generator.BadgeCredential(badge), openSpace, tuesday);
            var member = Generator.BadgeMember(badge);
            Assert.Equal(Expected(badge, member, GrantBasis.CommonArea), (decision.Granted, decision.Reason, decision.Basis));
            Assert.Equal(Generator.MemberId(member), snapshot.MemberId(decision.MemberIndex));
        }

        for (var unknown = Generator.DefaultBadges; unknown < Generator.DefaultBadges + 1_000; unknown++)
        {
            Assert.Equal(DenyReason.UnknownBadge, engine.Decide(Generator.BadgeCredential(unknown), openSpace, tuesday).Reason);
        }

        // Rights r with r % 3 == 0 open the visio room to their member (scheduled Mon-Fri 08-18 or not).
        for (var right = 0; right < Generator.DefaultRights; right += 3)
        {
            var member = Generator.RightMember(right);
            var decision = engine.Decide(Generator.BadgeCredential(member), visio, tuesday);
            Assert.Equal(Expected(member, member, GrantBasis.ExplicitRight), (decision.Granted, decision.Reason, decision.Basis));
        }
    }

    private static (bool, DenyReason, GrantBasis) Expected(int badge, int member, GrantBasis basis)
    {
        var reason = Generator.ExpectedBadgeState(badge) switch
        {
            BadgeState.Revoked => DenyReason.BadgeRevoked,
            BadgeState.Lost => DenyReason.BadgeLost,
            _ => Generator.ExpectedMemberStatus(member) switch
            {
                MemberStatus.Suspended => DenyReason.MemberSuspended,
                MemberStatus.Expired => DenyReason.MemberExpired,
                _ => DenyReason.None,
            },
        };
        if (reason != DenyReason.None)
        {
            return (false, reason, GrantBasis.None);
        }

        return (true, DenyReason.None, Generator.IsStaff(member) ? GrantBasis.Staff : basis);
    }
}
