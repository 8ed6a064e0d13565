namespace Cybercantal.Edge.Agent.Readers.Feedback;

/// <summary>
/// What the kiosk screen next to a reader says after a badge: French first (the centres' language), English
/// for visitors. Built by <see cref="BadgeFeedbackMessages"/>.
/// </summary>
public sealed record BadgeFeedbackMessage(string French, string English, FeedbackPattern Pattern)
{
    /// <summary>The text for a culture name: English for any <c>en</c> culture, French for everything else (including null or empty).</summary>
    public string Text(string? culture) =>
        culture is not null && (culture.Equals("en", StringComparison.OrdinalIgnoreCase) || culture.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            ? English
            : French;

    public override string ToString() => French;
}
