using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>
/// One tap, one read: a card left on the reader is reported once; it is reported again only after
/// <c>emptyPollsToRelease</c> consecutive empty polls (it was taken away) or when another card replaces it.
/// Faulty polls say nothing about the field, so they neither confirm nor release a card.
/// </summary>
internal sealed class Pn532PresenceTracker(int emptyPollsToRelease)
{
    private Credential? _present;
    private int _emptyPolls;

    /// <summary>Records a poll that found <paramref name="credential"/>; true when it must be reported.</summary>
    public bool OnCard(Credential credential)
    {
        _emptyPolls = 0;
        if (_present == credential)
        {
            return false;
        }

        _present = credential;
        return true;
    }

    /// <summary>Records a poll that found no card.</summary>
    public void OnEmpty()
    {
        if (_present is null)
        {
            return;
        }

        _emptyPolls++;
        if (_emptyPolls >= emptyPollsToRelease)
        {
            _present = null;
            _emptyPolls = 0;
        }
    }
}
