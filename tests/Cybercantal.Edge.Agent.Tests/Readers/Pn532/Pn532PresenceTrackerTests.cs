using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Readers.Pn532;

namespace Cybercantal.Edge.Agent.Tests.Readers.Pn532;

public sealed class Pn532PresenceTrackerTests
{
    private static readonly Credential Card = Credential.Parse("nfc:A1B2C3D4");
    private static readonly Credential Other = Credential.Parse("nfc:04A1B2C3D4E5F6");

    [Fact]
    public void Held_card_is_reported_once()
    {
        var tracker = new Pn532PresenceTracker(3);

        Assert.True(tracker.OnCard(Card));
        Assert.False(tracker.OnCard(Card));
        Assert.False(tracker.OnCard(Card));
    }

    [Fact]
    public void Card_is_reported_again_only_after_enough_consecutive_empty_polls()
    {
        var tracker = new Pn532PresenceTracker(3);
        tracker.OnCard(Card);

        tracker.OnEmpty();
        tracker.OnEmpty();
        Assert.False(tracker.OnCard(Card)); // two empty polls: a flicker, not a removal; the count restarts
        tracker.OnEmpty();
        tracker.OnEmpty();
        tracker.OnEmpty();
        Assert.True(tracker.OnCard(Card));
    }

    [Fact]
    public void Another_card_is_reported_at_once()
    {
        var tracker = new Pn532PresenceTracker(3);
        tracker.OnCard(Card);

        Assert.True(tracker.OnCard(Other));
        Assert.True(tracker.OnCard(Card));
    }
}
