using System.Collections.Frozen;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Readers;
using Cybercantal.Edge.Agent.Readers.Feedback;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Badges;

/// <summary>
/// The path of every badge read: decide locally, drive the strike, journal, answer at the reader.
/// The strike is driven before anything is written so the journal and logs never delay a door.
/// </summary>
public sealed class BadgePipeline : IBadgeReadSink
{
    private readonly AccessDecisionEngine _engine;
    private readonly IJournal _journal;
    private readonly TimeProvider _time;
    private readonly ILogger<BadgePipeline> _logger;
    private readonly FrozenDictionary<string, BadgeRoute> _routes;

    public BadgePipeline(
        SiteConfiguration site,
        AccessDecisionEngine engine,
        DoorSystem doors,
        IJournal journal,
        ReaderFeedbackSet feedback,
        TimeProvider time,
        ILogger<BadgePipeline> logger)
    {
        _engine = engine;
        _journal = journal;
        _time = time;
        _logger = logger;
        var zones = site.Zones.ToDictionary(z => z.Id, StringComparer.Ordinal);
        var doorsById = site.Doors.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var resourceZones = site.Pcs.Select(p => (p.Id, p.Zone))
            .Concat(site.Copiers.Select(c => (c.Id, c.Zone)))
            .Concat(site.Visio.Select(v => (v.Id, v.Zone)))
            .ToDictionary(r => r.Id, r => r.Zone, StringComparer.Ordinal);
        _routes = site.Readers.ToFrozenDictionary(
            reader => reader.Id,
            reader =>
            {
                var target = reader.Door is not null && doorsById.TryGetValue(reader.Door, out var door)
                    ? door
                    : ResourceTarget(reader, resourceZones.GetValueOrDefault(reader.Resource ?? string.Empty) ?? string.Empty);
                return new BadgeRoute(
                    reader,
                    target,
                    zones.GetValueOrDefault(target.ToZone),
                    reader.Door is null ? null : doors.Find(reader.Door),
                    feedback.For(reader.Id));
            },
            StringComparer.Ordinal);
    }

    /// <summary>Raised after each decision, for live views. Handlers must be quick; exceptions are logged and swallowed.</summary>
    public event Action<BadgeDecision>? Decided;

    public void CredentialRead(ReaderConfiguration reader, Credential credential, long timestamp)
    {
        if (!_routes.TryGetValue(reader.Id, out var route))
        {
            BadgePipelineLog.UnknownReader(_logger, reader.Id);
            return;
        }

        var now = _time.GetUtcNow();
        var snapshot = _engine.Store.Current;
        var decision = _engine.Decide(credential, route.RuleTarget, now, snapshot);
        if (decision.Granted && route.Door is not null && !route.Door.Grant())
        {
            // The rules say yes but the site is in lockdown: the door stays shut and the journal says why.
            decision = AccessDecision.Deny(DenyReason.Lockdown, decision.MemberIndex);
        }

        var memberId = decision.MemberIndex >= 0 ? snapshot.MemberId(decision.MemberIndex) : null;
        _journal.Append(new JournalEntry(JournalRecordKind.AccessDecision)
        {
            DoorId = route.Reader.Door,
            ReaderId = route.Reader.Id,
            Credential = credential,
            MemberId = memberId,
            Granted = decision.Granted,
            Reason = decision.Reason,
            Basis = decision.Basis,
        });
        route.Feedback?.Show(decision.Granted ? FeedbackPattern.Granted : FeedbackPattern.Denied);

        if (decision.Granted)
        {
            BadgePipelineLog.Granted(_logger, route.Reader.Id, route.RuleTarget.Id, memberId ?? "?", decision.Basis);
        }
        else
        {
            BadgePipelineLog.Denied(_logger, route.Reader.Id, route.RuleTarget.Id, credential, decision.Reason);
        }

        var subscribers = Decided;
        if (subscribers is not null)
        {
            Publish(subscribers, new BadgeDecision(
                route.Reader,
                route.Reader.Door is null ? null : route.RuleTarget,
                route.Zone,
                credential,
                decision,
                memberId,
                decision.MemberIndex >= 0 ? snapshot.MemberDisplayName(decision.MemberIndex) : null,
                now));
        }
    }

    public void ReaderFault(ReaderConfiguration reader, string fault)
    {
        _journal.Append(new JournalEntry(JournalRecordKind.ReaderFault)
        {
            ReaderId = reader.Id,
            DoorId = reader.Door,
            Detail = fault,
        });
        BadgePipelineLog.ReaderFault(_logger, reader.Id, fault);
        if (_routes.TryGetValue(reader.Id, out var route))
        {
            route.Feedback?.Show(FeedbackPattern.Fault);
        }
    }

    private void Publish(Action<BadgeDecision> subscribers, BadgeDecision decision)
    {
        try
        {
            subscribers(decision);
        }
        catch (Exception exception)
        {
            BadgePipelineLog.SubscriberFailed(_logger, exception);
        }
    }

    // A copier or desk reader grants nothing physical; its rule is "may this member use that zone now".
    private static DoorConfiguration ResourceTarget(ReaderConfiguration reader, string zone) => new()
    {
        Id = reader.Resource ?? reader.Id,
        Name = reader.Resource ?? reader.Id,
        FromZone = zone,
        ToZone = zone,
        Strike = new StrikeConfiguration { Pin = -1, UnlockTime = TimeSpan.Zero },
        AcceptedCredentials = [CredentialKind.Nfc, CredentialKind.Wiegand26, CredentialKind.Wiegand34, CredentialKind.Wiegand37],
    };
}
