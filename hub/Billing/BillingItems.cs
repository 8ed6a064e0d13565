namespace Cybercantal.Edge.Hub.Billing;

/// <summary>What can be billed, as stored in the <c>tariffs</c> table and shown in the API.</summary>
public static class BillingItems
{
    /// <summary>A private office, per month, priced per office (tariff zone = the lease's zone).</summary>
    public const string Office = "office";

    /// <summary>Copier pages, price per page; free allowance in pages per month.</summary>
    public const string CopierPage = "copier-page";

    /// <summary>Visio-room use, price per hour, measured in minutes; free allowance in minutes per month.</summary>
    public const string VisioHour = "visio-hour";

    public static IReadOnlyList<string> All { get; } = [Office, CopierPage, VisioHour];

    /// <summary>Order of the items within one member's statement.</summary>
    public static int Position(string item) => item switch
    {
        Office => 0,
        CopierPage => 1,
        VisioHour => 2,
        _ => 3,
    };

    public static string Label(string item) => item switch
    {
        Office => "Bureau privatif",
        CopierPage => "Photocopies",
        VisioHour => "Salle de visioconférence",
        _ => item,
    };

    public static string Unit(string item) => item switch
    {
        Office => "mois",
        CopierPage => "page",
        VisioHour => "heure",
        _ => string.Empty,
    };
}
