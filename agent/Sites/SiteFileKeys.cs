namespace Cybercantal.Edge.Agent.Sites;

/// <summary>
/// The keys each mapping of a site file may hold. Kept in one place so the JSON schema
/// (firmware-config/schema/site.schema.json) can be checked against them by a test.
/// </summary>
internal static class SiteFileKeys
{
    public static readonly string[] Site =
    [
        "schemaVersion", "id", "name", "commune", "status", "specialties", "timeZone", "openingHours", "closures",
        "gpioChip", "gpioLines", "zones", "doors", "readers", "resources", "fireAlarm", "hub",
    ];

    public static readonly string[] Week = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static readonly string[] Closure = ["date", "reason"];

    public static readonly string[] Zone = ["id", "name", "kind", "seats", "within"];

    public static readonly string[] Door =
    [
        "id", "name", "from", "to", "failMode", "strike", "positionSensor", "exitRequest", "heldOpen",
        "scheduledUnlock", "acceptedCredentials",
    ];

    public static readonly string[] Strike = ["pin", "unlockLevel", "unlockTime"];

    public static readonly string[] Input = ["pin", "activeLevel", "debounce", "pullUp"];

    public static readonly string[] HeldOpen = ["preAlarm", "alarm"];

    public static readonly string[] Reader = ["id", "kind", "device", "d0", "d1", "door", "resource", "feedback"];

    public static readonly string[] Feedback = ["greenLed", "redLed", "buzzer", "activeLevel"];

    public static readonly string[] Resources = ["pcs", "copiers", "visio"];

    public static readonly string[] Pc = ["id", "zone", "hostName"];

    public static readonly string[] Copier = ["id", "zone", "snmpAddress", "enablePin"];

    public static readonly string[] Visio = ["id", "zone", "hostName", "description"];

    public static readonly string[] Hub = ["broker", "tls", "credentialFile"];
}
