using System.Globalization;
using System.Text;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// The managers' CSV export, made for French Excel: UTF-8 with a byte-order mark (so accents survive),
/// ';' as separator (',' is the decimal mark in fr-FR), French headers and labels, times in Paris local
/// time. Fields holding the separator, a quote or a line break are quoted; fields a spreadsheet would take
/// for a formula are prefixed with a quote.
/// </summary>
public static class AccessEventCsv
{
    public const string Header = "Date;Centre;Porte;Membre;Badge;Décision;Motif";

    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["UnknownBadge"] = "Badge inconnu",
        ["BadgeRevoked"] = "Badge révoqué",
        ["BadgeLost"] = "Badge perdu",
        ["MemberSuspended"] = "Membre suspendu",
        ["MemberExpired"] = "Abonnement expiré",
        ["MemberNotYetValid"] = "Abonnement pas encore valide",
        ["OutOfHours"] = "Hors horaires",
        ["ClosureDay"] = "Jour de fermeture",
        ["NoRightForZone"] = "Pas de droit sur cette zone",
        ["NoBookingNow"] = "Pas de réservation en cours",
        ["OutsideRightSchedule"] = "Hors plage autorisée",
        ["Lockdown"] = "Verrouillage du centre",
        ["UnknownReader"] = "Lecteur inconnu",
        ["CredentialKindNotAccepted"] = "Type de badge non accepté",
        ["BookingReleased"] = "Réservation libérée (absence)",
    };

    private static readonly Dictionary<string, string> Bases = new(StringComparer.Ordinal)
    {
        ["Staff"] = "Personnel",
        ["Lease"] = "Bureau loué",
        ["Booking"] = "Réservation",
        ["ExplicitRight"] = "Droit d'accès",
        ["CommonArea"] = "Espace commun",
    };

    /// <summary>UTF-8 with BOM.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static string Line(AccessEvent e)
    {
        var local = TimeZoneInfo.ConvertTime(e.At, Paris);
        var motif = e.Granted
            ? (e.Basis is null ? string.Empty : Bases.GetValueOrDefault(e.Basis, e.Basis))
            : (e.Reason is null ? string.Empty : Reasons.GetValueOrDefault(e.Reason, e.Reason));
        return string.Join(';',
            local.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture),
            Field(e.Site),
            Field(e.Door),
            Field(e.Member),
            Field(e.Badge),
            e.Granted ? "Autorisé" : "Refusé",
            Field(motif));
    }

    /// <summary>A CSV field: quoted when it holds the separator, a quote or a line break; defused when a spreadsheet would read a formula.</summary>
    internal static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
