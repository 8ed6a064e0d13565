using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Usage.Copiers;
using Cybercantal.Edge.Agent.Usage.Rooms;
using Microsoft.Extensions.Hosting;

namespace Cybercantal.Edge.Agent.Usage;

/// <summary>
/// Connects the badge pipeline's decisions to the copier and room trackers while the agent runs. The
/// pipeline's hot path is unchanged: its <see cref="BadgePipeline.Decided"/> event is the only hook.
/// </summary>
public sealed class UsageBadgeSubscription(BadgePipeline pipeline, CopierSessionManager copiers, RoomUseTracker rooms) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        pipeline.Decided += copiers.OnDecided;
        pipeline.Decided += rooms.OnDecided;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        pipeline.Decided -= copiers.OnDecided;
        pipeline.Decided -= rooms.OnDecided;
        return Task.CompletedTask;
    }
}
