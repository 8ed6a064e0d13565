using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Readers;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Tests.Readers.Wiegand;

/// <summary>Keeps every read and fault a reader delivers, in order.</summary>
internal sealed class RecordingBadgeReadSink : IBadgeReadSink
{
    private readonly Lock _gate = new();
    private readonly List<(Credential Credential, long Timestamp)> _reads = [];
    private readonly List<string> _faults = [];

    public IReadOnlyList<(Credential Credential, long Timestamp)> Reads
    {
        get
        {
            lock (_gate)
            {
                return [.. _reads];
            }
        }
    }

    public IReadOnlyList<string> Faults
    {
        get
        {
            lock (_gate)
            {
                return [.. _faults];
            }
        }
    }

    public void CredentialRead(ReaderConfiguration reader, Credential credential, long timestamp)
    {
        lock (_gate)
        {
            _reads.Add((credential, timestamp));
        }
    }

    public void ReaderFault(ReaderConfiguration reader, string fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }
}
