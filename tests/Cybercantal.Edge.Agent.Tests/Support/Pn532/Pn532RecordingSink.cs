using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Readers;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Tests.Support.Pn532;

/// <summary>Records every read and fault a reader delivers, thread-safe.</summary>
public sealed class Pn532RecordingSink : IBadgeReadSink
{
    private readonly Lock _gate = new();
    private readonly List<Credential> _reads = [];
    private readonly List<string> _faults = [];
    private readonly List<long> _readTimestamps = [];

    /// <summary><see cref="TimeProvider.GetTimestamp"/> values passed with each read.</summary>
    public IReadOnlyList<long> ReadTimestamps
    {
        get
        {
            lock (_gate)
            {
                return [.. _readTimestamps];
            }
        }
    }

    public IReadOnlyList<Credential> Reads
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
            _reads.Add(credential);
            _readTimestamps.Add(timestamp);
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
