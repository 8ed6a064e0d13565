using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Readers.Feedback;

namespace Cybercantal.Edge.Agent.Tests.Readers.Feedback;

public sealed class BadgeFeedbackMessagesTests
{
    public static TheoryData<DenyReason> EveryDenyReason()
    {
        var data = new TheoryData<DenyReason>();
        foreach (var reason in Enum.GetValues<DenyReason>().Where(r => r != DenyReason.None))
        {
            data.Add(reason);
        }

        return data;
    }

    [Fact]
    public void A_granted_badge_greets_the_member_by_first_name_and_zone()
    {
        var message = BadgeFeedbackMessages.ForBilingualZone(AccessDecision.Grant(4, GrantBasis.Lease), "Marie", "bureau 2", "office 2");

        Assert.Equal("Bonjour Marie, bureau 2", message.French);
        Assert.Equal("Hello Marie, office 2", message.English);
        Assert.Equal(FeedbackPattern.Granted, message.Pattern);
    }

    [Theory]
    [InlineData("Marie", "Open space", "Bonjour Marie, Open space", "Hello Marie, Open space")]
    [InlineData("Marie", null, "Bonjour Marie", "Hello Marie")]
    [InlineData(null, "Salle Cantal", "Bienvenue, Salle Cantal", "Welcome, Salle Cantal")]
    [InlineData(" ", "", "Bienvenue", "Welcome")]
    public void A_greeting_uses_what_is_known(string? firstName, string? zone, string french, string english)
    {
        var message = BadgeFeedbackMessages.For(AccessDecision.Grant(0, GrantBasis.CommonArea), firstName, zone);

        Assert.Equal(french, message.French);
        Assert.Equal(english, message.English);
    }

    [Theory]
    [InlineData(DenyReason.UnknownBadge, "Badge inconnu", "Unknown badge")]
    [InlineData(DenyReason.OutOfHours, "Centre fermé à cette heure", "The centre is closed at this time")]
    [InlineData(DenyReason.ClosureDay, "Centre fermé aujourd’hui", "The centre is closed today")]
    public void Known_refusals_read_as_expected(DenyReason reason, string french, string english)
    {
        var decision = AccessDecision.Deny(reason);

        Assert.Equal(french, BadgeFeedbackMessages.For(decision, "Marie", "bureau 2", "fr-FR"));
        Assert.Equal(english, BadgeFeedbackMessages.For(decision, "Marie", "bureau 2", "en-GB"));
    }

    [Theory]
    [MemberData(nameof(EveryDenyReason))]
    public void Every_refusal_has_its_own_french_and_english_text(DenyReason reason)
    {
        var message = BadgeFeedbackMessages.For(AccessDecision.Deny(reason), "Marie", "bureau 2");

        Assert.False(string.IsNullOrWhiteSpace(message.French));
        Assert.False(string.IsNullOrWhiteSpace(message.English));
        Assert.NotEqual(message.French, message.English);
        Assert.NotEqual("Accès refusé", message.French);
        Assert.Equal(FeedbackPattern.Denied, message.Pattern);

        // A refusal never names the member: the screen faces the corridor.
        Assert.DoesNotContain("Marie", message.French, StringComparison.Ordinal);
        Assert.DoesNotContain("Marie", message.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_texts_are_all_different()
    {
        var reasons = Enum.GetValues<DenyReason>().Where(r => r != DenyReason.None).ToList();
        var messages = reasons.Select(r => BadgeFeedbackMessages.For(AccessDecision.Deny(r), null, null)).ToList();

        Assert.Equal(reasons.Count, messages.Select(m => m.French).Distinct().Count());
        Assert.Equal(reasons.Count, messages.Select(m => m.English).Distinct().Count());
    }

    [Theory]
    [InlineData(null, "Badge inconnu")]
    [InlineData("", "Badge inconnu")]
    [InlineData("fr", "Badge inconnu")]
    [InlineData("fr-FR", "Badge inconnu")]
    [InlineData("de-DE", "Badge inconnu")]
    [InlineData("en", "Unknown badge")]
    [InlineData("EN-us", "Unknown badge")]
    [InlineData("eng", "Badge inconnu")]
    public void French_comes_first_and_english_is_chosen_by_culture(string? culture, string expected)
    {
        Assert.Equal(expected, BadgeFeedbackMessages.For(AccessDecision.Deny(DenyReason.UnknownBadge), null, null).Text(culture));
    }

    [Fact]
    public void An_unreadable_badge_asks_to_try_again_with_the_fault_pattern()
    {
        Assert.Equal(FeedbackPattern.Fault, BadgeFeedbackMessages.Unreadable.Pattern);
        Assert.StartsWith("Badge illisible", BadgeFeedbackMessages.Unreadable.French, StringComparison.Ordinal);
    }
}
