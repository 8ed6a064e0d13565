using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Readers.Feedback;

/// <summary>
/// The kiosk messages answering a badge, one per outcome: a greeting when granted, a plain and polite reason
/// when denied (one per <see cref="DenyReason"/>), an invitation to try again when the badge could not be read.
/// Names are shown as given (first name only: the screen faces the corridor). Zone names come from the site
/// file and are not translated unless an English name is given.
/// </summary>
public static class BadgeFeedbackMessages
{
    /// <summary>The message for <paramref name="decision"/>, the zone name used as is in both languages.</summary>
    /// <param name="firstName">The member's first name when known, for the greeting.</param>
    /// <param name="zoneName">The zone the reader opens (as named in the site file), for the greeting.</param>
    public static BadgeFeedbackMessage For(AccessDecision decision, string? firstName, string? zoneName) =>
        ForBilingualZone(decision, firstName, zoneName, zoneName);

    /// <summary>The message for <paramref name="decision"/> in one language (see <see cref="BadgeFeedbackMessage.Text"/>).</summary>
    public static string For(AccessDecision decision, string? firstName, string? zoneName, string culture) =>
        For(decision, firstName, zoneName).Text(culture);

    /// <summary>The message for <paramref name="decision"/> when the zone has a French and an English name (e.g. "bureau 2" / "office 2").</summary>
    public static BadgeFeedbackMessage ForBilingualZone(AccessDecision decision, string? firstName, string? zoneNameFrench, string? zoneNameEnglish)
    {
        if (decision.Granted)
        {
            return Greeting(Blank(firstName), Blank(zoneNameFrench), Blank(zoneNameEnglish) ?? Blank(zoneNameFrench));
        }

        var (french, english) = decision.Reason switch
        {
            DenyReason.UnknownBadge => ("Badge inconnu", "Unknown badge"),
            DenyReason.BadgeRevoked => ("Ce badge n’est plus valide", "This badge is no longer valid"),
            DenyReason.BadgeLost => ("Ce badge a été déclaré perdu, merci de contacter l’accueil", "This badge was reported lost, please contact the front desk"),
            DenyReason.MemberSuspended => ("Votre accès est suspendu, merci de contacter l’équipe du centre", "Your access is suspended, please contact the centre team"),
            DenyReason.MemberExpired => ("Votre abonnement est arrivé à échéance", "Your membership has expired"),
            DenyReason.MemberNotYetValid => ("Votre abonnement n’a pas encore commencé", "Your membership has not started yet"),
            DenyReason.OutOfHours => ("Centre fermé à cette heure", "The centre is closed at this time"),
            DenyReason.ClosureDay => ("Centre fermé aujourd’hui", "The centre is closed today"),
            DenyReason.NoRightForZone => ("Vous n’avez pas accès à cet espace", "You do not have access to this area"),
            DenyReason.NoBookingNow => ("Aucune réservation à votre nom en ce moment", "No booking in your name at this time"),
            DenyReason.OutsideRightSchedule => ("Votre accès n’est pas ouvert à cette heure", "Your access is not open at this time"),
            DenyReason.Lockdown => ("Accès momentanément fermé", "Access temporarily closed"),
            DenyReason.UnknownReader => ("Lecteur non configuré, merci de prévenir l’équipe", "Reader not configured, please tell the team"),
            DenyReason.CredentialKindNotAccepted => ("Ce type de badge n’est pas accepté ici", "This type of badge is not accepted here"),
            DenyReason.BookingReleased => ("Réservation libérée : absence 10 minutes après le début", "Booking released: no show 10 minutes after the start"),

            // A reason appended to the enum after this table: still a clear, polite refusal.
            _ => ("Accès refusé", "Access denied"),
        };
        return new BadgeFeedbackMessage(french, english, FeedbackPattern.Denied);
    }

    /// <summary>The badge could not be read (reader fault): ask to present it again.</summary>
    public static BadgeFeedbackMessage Unreadable { get; } =
        new("Badge illisible, merci de le présenter à nouveau", "The badge could not be read, please present it again", FeedbackPattern.Fault);

    private static BadgeFeedbackMessage Greeting(string? firstName, string? zone, string? zoneEnglish) =>
        (firstName, zone) switch
        {
            (not null, not null) => new($"Bonjour {firstName}, {zone}", $"Hello {firstName}, {zoneEnglish}", FeedbackPattern.Granted),
            (not null, null) => new($"Bonjour {firstName}", $"Hello {firstName}", FeedbackPattern.Granted),
            (null, not null) => new($"Bienvenue, {zone}", $"Welcome, {zoneEnglish}", FeedbackPattern.Granted),
            _ => new("Bienvenue", "Welcome", FeedbackPattern.Granted),
        };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
