namespace Cybercantal.Edge.Demo;

/// <summary>What a generated member does during the demo day.</summary>
public enum DemoRole
{
    /// <summary>Centre staff: opens the centre in the morning (granted everywhere, any hour).</summary>
    Staff,

    /// <summary>Open-space teleworker.</summary>
    Teleworker,

    /// <summary>Teleworker whose company rents a private office.</summary>
    Lessee,

    /// <summary>Former member whose membership has ended: refused at the entrance.</summary>
    Expired,
}
