using System.ComponentModel.DataAnnotations;
using Cybercantal.Edge.Agent.Hosting;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>Tunables of the access rules (configuration section "Access").</summary>
public sealed class AccessDecisionOptions
{
    public const string SectionName = "Access";

    /// <summary>Path of the SQLite access store.</summary>
    [Required]
    public string DatabasePath { get; set; } = "/var/lib/cybercantal/access.db";

    /// <summary>How long before a booking starts its holder may already enter the room.</summary>
    [TimeSpanRange("00:00:00", "02:00:00")]
    public TimeSpan BookingGraceBefore { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long after a booking ends its holder may still enter the room (default: none).</summary>
    [TimeSpanRange("00:00:00", "02:00:00")]
    public TimeSpan BookingGraceAfter { get; set; } = TimeSpan.Zero;
}
