using System.Globalization;
using System.Text;
using Cybercantal.Edge.Hub.Admin;

namespace Cybercantal.Edge.Hub.Rooms;

/// <summary>
/// The room report as a CSV for French spreadsheets, like <see cref="AccessEventCsv"/>: UTF-8 with BOM,
/// ';' separator, French headers and labels, decimal comma, days as dd/MM/yyyy. Rates are fractions
/// (0,2500), as in the JSON. Same report, same bytes. The last column says where used hours and absences come
/// from (<see cref="RoomReport.UsageSource"/>: journal, billing aggregates, or both).
/// </summary>
public static class RoomReportCsv
{
    public const string Header = "Centre;Salle;Nom;Type;Du;Au;Réservations;Heures réservées;Heures utilisées;Absences;Taux d'absence;Heures d'ouverture;Taux d'occupation;Remarque;Source utilisation";

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static byte[] Bytes(RoomReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder(Header).Append("\r\n");
        foreach (var room in report.Rooms)
        {
            text.AppendJoin(';',
                Field(report.Site),
                Field(room.Zone),
                Field(room.Name),
                room.Kind switch
                {
                    "meeting-room" => "Salle de réunion",
                    "visio-room" => "Salle de visioconférence",
                    _ => "Hors description",
                },
                report.From.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                report.To.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                room.Bookings.ToString(CultureInfo.InvariantCulture),
                Number(room.BookedHours, "0.00"),
                Number(room.UsedHours, "0.00"),
                room.NoShows?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                Number(room.NoShowRate, "0.0000"),
                Number(report.OpeningHours, "0.00"),
                Number(room.OccupancyRate, "0.0000"),
                Field(Remark(room)),
                report.UsageSource switch
                {
                    RoomUsageSources.Raw => "journal",
                    RoomUsageSources.Aggregates => "agrégats de facturation",
                    _ => "mixte",
                })
                .Append("\r\n");
        }

        byte[] bytes = [.. AccessEventCsv.Encoding.GetPreamble(), .. AccessEventCsv.Encoding.GetBytes(text.ToString())];
        return bytes;
    }

    private static string? Remark(RoomUsage room) => room.OccupancyMissing switch
    {
        null => null,
        RoomReportService.NoDescription => "Description du centre non reçue",
        RoomReportService.NoOpeningHours => "Aucune heure d'ouverture sur la période",
        _ => "Utilisation inconnue : journal supprimé, mois jamais agrégé",
    };

    private static string Number(decimal? value, string format) => value is { } v ? v.ToString(format, French) : string.Empty;

    private static string Field(string? value)
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
