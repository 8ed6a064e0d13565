using System.Globalization;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>Text forms of values in the access store and seed files (culture-free).</summary>
internal static class AccessStoreFormat
{
    public const string DateFormat = "yyyy-MM-dd";

    public static string Text(MemberStatus status) => status switch
    {
        MemberStatus.Suspended => "suspended",
        MemberStatus.Expired => "expired",
        _ => "active",
    };

    public static string Text(BadgeState state) => state switch
    {
        BadgeState.Revoked => "revoked",
        BadgeState.Lost => "lost",
        _ => "active",
    };

    public static bool TryParseMemberStatus(string? text, out MemberStatus status)
    {
        status = text switch
        {
            "active" => MemberStatus.Active,
            "suspended" => MemberStatus.Suspended,
            "expired" => MemberStatus.Expired,
            _ => (MemberStatus)255,
        };
        return (byte)status != 255;
    }

    public static bool TryParseBadgeState(string? text, out BadgeState state)
    {
        state = text switch
        {
            "active" => BadgeState.Active,
            "revoked" => BadgeState.Revoked,
            "lost" => BadgeState.Lost,
            _ => (BadgeState)255,
        };
        return (byte)state != 255;
    }

    public static object Date(DateOnly? date) =>
        date is { } value ? value.ToString(DateFormat, CultureInfo.InvariantCulture) : DBNull.Value;

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
