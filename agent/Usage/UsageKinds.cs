namespace Cybercantal.Edge.Agent.Usage;

/// <summary>The kinds of open session kept in the usage state.</summary>
public static class UsageKinds
{
    public const string Pc = "pc";
    public const string Copier = "copier";
    public const string Room = "room";

    /// <summary>A PC seat taken at its desk reader (resource = PC id).</summary>
    public const string Seat = "seat";
}
