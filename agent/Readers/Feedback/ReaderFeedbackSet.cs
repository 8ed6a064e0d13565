using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Readers.Feedback;

/// <summary>
/// The LED/buzzer outputs of every reader of the site, opened once at start (OFF level) and switched
/// off at shutdown.
/// </summary>
public sealed class ReaderFeedbackSet : IDisposable
{
    private readonly Dictionary<string, ReaderFeedback> _byReader = new(StringComparer.Ordinal);

    public ReaderFeedbackSet(SiteConfiguration site, ReaderFeedbackFactory factory)
    {
        foreach (var reader in site.Readers)
        {
            if (factory.Create(reader) is { } feedback)
            {
                _byReader[reader.Id] = feedback;
            }
        }
    }

    public ReaderFeedback? For(string readerId) => _byReader.GetValueOrDefault(readerId);

    public void Dispose()
    {
        foreach (var feedback in _byReader.Values)
        {
            feedback.Dispose();
        }

        _byReader.Clear();
    }
}
