using System.ComponentModel.DataAnnotations;
using Cybercantal.Edge.Agent.Hosting;

namespace Cybercantal.Edge.Agent.Usage;

/// <summary>Settings of usage tracking (section <c>Usage</c>), validated at start.</summary>
public sealed class UsageOptions
{
    public const string SectionName = "Usage";

    /// <summary>
    /// SQLite file holding the open sessions, so a crash never leaves one open forever. Empty: <c>usage.db</c>
    /// next to the journal.
    /// </summary>
    public string? StatePath { get; set; }

    /// <summary>Serve the PC session endpoint (the hooks of the centre's PCs call it).</summary>
    public bool PcEndpointEnabled { get; set; } = true;

    /// <summary>
    /// HttpListener prefixes of the PC session endpoint: loopback by default; the gateway's LAN address
    /// (e.g. <c>http://10.15.1.1:8790/</c>) so the PCs reach it.
    /// </summary>
    public IList<string> PcEndpointPrefixes { get; } = ["http://127.0.0.1:8790/"];

    /// <summary>TCP port probed on every PC to tell it is alive (22 ssh, 3389 RDP, 445 SMB).</summary>
    [Range(1, 65535)]
    public int PcProbePort { get; set; } = 22;

    /// <summary>Per-PC probe port overrides, by PC id (a Windows seat on 3389 among Linux ones).</summary>
    public IDictionary<string, int> PcProbePorts { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan PcProbeInterval { get; set; } = TimeSpan.FromSeconds(30);

    [TimeSpanRange("00:00:00.100", "00:01:00")]
    public TimeSpan PcProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive failed probes after which an open session on that PC ends as pc-unreachable.</summary>
    [Range(1, 1000)]
    public int PcSilentChecks { get; set; } = 4;

    /// <summary>How often open copier sessions are checked for idle time and maximum duration.</summary>
    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan CopierCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A copier session with no new page for this long ends as idle-timeout.</summary>
    [TimeSpanRange("00:00:10", "04:00:00")]
    public TimeSpan CopierIdleTimeout { get; set; } = TimeSpan.FromMinutes(3);

    [TimeSpanRange("00:01:00", "12:00:00")]
    public TimeSpan CopierMaxDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Most pages one session can plausibly print: a counter that went down by less than 2^32 minus this
    /// wrapped; one that went down more was reset (copier rebooted or serviced) and the pages are unknown.
    /// </summary>
    [Range(1, 1_000_000)]
    public int CopierMaxPlausiblePages { get; set; } = 20_000;

    /// <summary>How often room bookings are scanned (booking end, occupancy timeout, no-show).</summary>
    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan RoomScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A booking with no check-in this long after its start is released and recorded as a no-show.</summary>
    [TimeSpanRange("00:01:00", "02:00:00")]
    public TimeSpan RoomNoShowAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A room use with no badge of its holder for this long ends as occupancy-timeout.</summary>
    [TimeSpanRange("00:05:00", "1.00:00:00")]
    public TimeSpan RoomOccupancyTimeout { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// A seat taken at a desk reader is released after this long even if its holder never badged out nor
    /// logged out, so a forgotten seat never lends its holder's name to the next day's sessions.
    /// </summary>
    [TimeSpanRange("00:10:00", "1.00:00:00")]
    public TimeSpan SeatMaxDuration { get; set; } = TimeSpan.FromHours(12);
}
