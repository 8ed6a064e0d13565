using Cybercantal.Edge.Hub.Sites;
using Microsoft.Extensions.DependencyInjection;

namespace Cybercantal.Edge.Hub.Rooms;

public static class RoomsServiceCollectionExtensions
{
    /// <summary>Registers site descriptions (store and ingest, used by the broker side) and the room report.</summary>
    public static IServiceCollection AddRoomReports(this IServiceCollection services)
    {
        services.AddSingleton<SiteDescriptionStore>();
        services.AddSingleton<SiteDescriptionIngest>();
        services.AddSingleton<RoomReportService>();
        return services;
    }
}
