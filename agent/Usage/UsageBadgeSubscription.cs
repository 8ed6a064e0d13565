using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Usage.Copiers;
using Cybercantal.Edge.Agent.Usage.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cybercantal.Edge.Agent.Usage;

/// <summary>
/// Connects the badge pipeline's decisions to the copier and room trackers while the agent runs. The
/// pipeline's hot path is unchanged: its <see cref="BadgePipeline.Decided"/> event is the only hook.
/// The pipeline is resolved at start, not at construction: building it opens the reader feedback lines,
/// which must wait until the doors have locked their strikes.
/// </summary>
public sealed class UsageBadgeSubscription(IServiceProvider services, CopierSessionManager copiers, RoomUseTracker rooms) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var pipeline = services.GetRequiredService<BadgePipeline>();
        pipeline.Decided += copiers.OnDecided;
        pipeline.Decided += rooms.OnDecided;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        var pipeline = services.GetRequiredService<BadgePipeline>();
        pipeline.Decided -= copiers.OnDecided;
        pipeline.Decided -= rooms.OnDecided;
        return Task.CompletedTask;
    }
}
