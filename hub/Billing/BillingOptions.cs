namespace Cybercantal.Edge.Hub.Billing;

/// <summary>The <c>Hub:Billing</c> configuration section.</summary>
public sealed class BillingOptions
{
    public const string Section = "Hub:Billing";

    /// <summary>VAT rate in basis points (2000 = 20 %).</summary>
    public int VatBasisPoints { get; set; } = 2000;

    /// <summary>Rooms billed as visio rooms, as <c>site/zone</c> (the room's zone in the site file, the <c>zone=</c> of its usage records); every other room (trainings, meetings) is free.</summary>
    public IList<string> VisioRooms { get; } = [];

    /// <summary>Months raw journal rows (access movements, usage records) are kept; CNIL guidance for badge systems: 3.</summary>
    public int RetentionMonths { get; set; } = 3;

    /// <summary>How often the retention run repeats (daily).</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Delay between the hub's start and the first retention run (lets ingest catch up first).</summary>
    public TimeSpan RetentionStartDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether the hosted retention run is on (the admin endpoint and CLI work either way).</summary>
    public bool RetentionEnabled { get; set; } = true;
}
