namespace Cybercantal.Edge.Agent.Sync;

/// <summary>The broker's answer to one QoS 1 publish: accepted, or refused with its reason (never retried as is).</summary>
public readonly record struct HubPublishResult(bool Accepted, string Code, string? Reason);
