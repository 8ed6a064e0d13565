using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Readers;

/// <summary>
/// Where every badge reader delivers what it read, whatever its technology. Implemented by the access
/// pipeline (decide, journal, open the door, answer at the reader).
/// </summary>
public interface IBadgeReadSink
{
    /// <summary>A credential was read once (one tap, one call). <paramref name="timestamp"/> is a <see cref="TimeProvider.GetTimestamp"/> value taken when the hardware reported the card.</summary>
    void CredentialRead(ReaderConfiguration reader, Credential credential, long timestamp);

    /// <summary>The reader misbehaved (garbage UID, parity error, lost service). Never throws.</summary>
    void ReaderFault(ReaderConfiguration reader, string fault);
}
