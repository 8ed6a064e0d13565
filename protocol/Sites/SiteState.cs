using System.Text.Json.Serialization;

namespace Cybercantal.Edge.Protocol.Sites;

/// <summary>Connection state of a site's agent, as it reports it (birth) or its broker reports it (Will).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SiteState>))]
public enum SiteState
{
    [JsonStringEnumMemberName("online")]
    Online = 1,

    [JsonStringEnumMemberName("offline")]
    Offline = 2,
}
