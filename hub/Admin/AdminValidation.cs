using Cybercantal.Edge.Protocol.Mqtt;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>Field checks shared by the admin operations; each failure names the field and the rule.</summary>
internal static class AdminValidation
{
    public const int MaxIdLength = 64;

    public static readonly string[] MemberStatuses = ["active", "suspended", "expired"];

    public static readonly string[] BadgeStates = ["active", "revoked", "lost"];

    public static string Id(string field, string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxIdLength
            || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw AdminException.Invalid(field, $"'{field}' must have 1 to {MaxIdLength} characters among letters, digits, '-', '_' and '.' (got '{value}').");
        }

        return value;
    }

    public static string Site(string field, string? value)
    {
        if (value is null || !SiteIds.IsValid(value))
        {
            throw AdminException.Invalid(field, $"'{field}': '{value}' is not a valid site id ({SiteIds.Rule}).");
        }

        return value;
    }

    public static string Text(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength || value.Any(char.IsControl))
        {
            throw AdminException.Invalid(field, $"'{field}' must have 1 to {maxLength} printable characters.");
        }

        return value.Trim();
    }

    public static string OneOf(string field, string? value, string[] allowed, string fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            throw AdminException.Invalid(field, $"'{field}' must be one of {string.Join(", ", allowed)} (got '{value}').");
        }

        return value;
    }

    public static void Range(string fromField, DateOnly? from, string toField, DateOnly? to)
    {
        if (from is { } f && to is { } t && t < f)
        {
            throw AdminException.Invalid(toField, $"'{toField}' ({t:yyyy-MM-dd}) is before '{fromField}' ({f:yyyy-MM-dd}).");
        }
    }
}
