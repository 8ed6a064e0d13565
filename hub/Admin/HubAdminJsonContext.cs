using System.Text.Json.Serialization;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>Source-generated JSON for the few values the admin store serialises itself.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class HubAdminJsonContext : JsonSerializerContext;
