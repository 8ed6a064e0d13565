namespace Cybercantal.Edge.Protocol.Commands;

/// <summary>The command names of protocol v1.</summary>
public static class CommandNames
{
    /// <summary>Unlock one door once, for its strike time (arguments: <c>door</c>).</summary>
    public const string UnlockOnce = "door.unlock-once";

    /// <summary>Switch the site lockdown (arguments: <c>on</c>).</summary>
    public const string Lockdown = "site.lockdown";

    /// <summary>Ask the site to report its credential version and take a fresh snapshot.</summary>
    public const string Resync = "credentials.resync";

    /// <summary>
    /// End the open usage session of one PC, copier or room at staff's request (arguments: exactly one of
    /// <c>pc</c>, <c>copier</c>, <c>room</c>); the session ends with reason <c>forced-by-staff</c>.
    /// </summary>
    public const string EndSession = "usage.end-session";

    /// <summary>Longest a command may stay valid after it was issued.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);
}
