using System.Globalization;
using System.Text;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// The managers' CSV of usage records, in the same form as the access events export (UTF-8 with BOM, ';',
/// French headers and labels, Paris local time): one line per record, the common detail fields in their
/// own columns (start, end, duration, pages, end reason) and the rest of the detail kept verbatim.
/// </summary>
public static class UsageRecordCsv
{
    public const string Header = "Date;Centre;Type;Ressource;Membre;Badge;Début;Fin;Durée;Pages;Motif;Détail";

    private static readonly string[] OwnColumns = ["start", "end", "seconds", "pages", "reason"];

    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["pc-session-started"] = "Session PC ouverte",
        ["pc-session-ended"] = "Session PC fermée",
        ["usage-fault"] = "Signalement refusé",
        ["copier-session-started"] = "Copieur activé",
        ["copier-session-ended"] = "Copieur libéré",
        ["room-check-in"] = "Salle : arrivée",
        ["room-use-ended"] = "Salle : fin d'utilisation",
        ["room-no-show"] = "Salle : réservation non honorée",
    };

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["logout"] = "Déconnexion",
        ["idle-timeout"] = "Inactivité",
        ["pc-unreachable"] = "PC injoignable",
        ["forced-by-staff"] = "Fermée par l'accueil",
        ["agent-restart-recovered"] = "Reprise après redémarrage",
        ["superseded"] = "Remplacée par une nouvelle session",
        ["badge-out"] = "Badge de sortie",
        ["max-duration"] = "Durée maximale atteinte",
        ["exit"] = "Sortie de la salle",
        ["booking-end"] = "Fin de la réservation",
        ["occupancy-timeout"] = "Salle inoccupée",
    };

    public static string Line(UsageRecordView record)
    {
        var detail = record.Detail;
        var seconds = detail.TryGetValue("seconds", out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : (long?)null;
        var rest = string.Join(';', detail.Where(pair => !OwnColumns.Contains(pair.Key)).Select(pair => pair.Value.Length == 0 ? pair.Key : pair.Key + "=" + pair.Value));
        return string.Join(';',
            Local(record.At),
            AccessEventCsv.Field(record.Site),
            AccessEventCsv.Field(Kinds.GetValueOrDefault(record.Kind, record.Kind)),
            AccessEventCsv.Field(record.Resource),
            AccessEventCsv.Field(record.Member),
            AccessEventCsv.Field(record.Badge),
            Instant(detail, "start"),
            Instant(detail, "end"),
            seconds is { } s ? Duration(s) : string.Empty,
            AccessEventCsv.Field(detail.GetValueOrDefault("pages")),
            AccessEventCsv.Field(detail.TryGetValue("reason", out var reason) ? Reasons.GetValueOrDefault(reason, reason) : null),
            AccessEventCsv.Field(rest));
    }

    /// <summary>Hours may pass 24 (a session never closed for days shows as such, not wrapped).</summary>
    public static string Duration(long seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}");

    private static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, AccessEventCsv.Paris).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Instant(IReadOnlyDictionary<string, string> detail, string key) =>
        detail.TryGetValue(key, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? Local(at)
            : AccessEventCsv.Field(text);

    /// <summary>UTF-8 with BOM, CRLF lines, header first.</summary>
    public static byte[] Bytes(IEnumerable<UsageRecordView> records)
    {
        var text = new StringBuilder(Header).Append("\r\n");
        foreach (var record in records)
        {
            text.Append(Line(record)).Append("\r\n");
        }

        return [.. AccessEventCsv.Encoding.GetPreamble(), .. AccessEventCsv.Encoding.GetBytes(text.ToString())];
    }
}
