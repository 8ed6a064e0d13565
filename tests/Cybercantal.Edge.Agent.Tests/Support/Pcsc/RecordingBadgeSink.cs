using System.Diagnostics;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Readers;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Tests.Support.Pcsc;

/// <summary>A badge read sink that records everything, with the wall timestamp of each call, and lets tests wait.</summary>
public sealed class RecordingBadgeSink : IBadgeReadSink
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRead> _reads = [];
    private readonly List<(string ReaderId, string Fault)> _faults = [];
    private readonly SemaphoreSlim _changed = new(0);

    public IReadOnlyList<RecordedRead> Reads
    {
        get
        {
            lock (_gate)
            {
                return [.. _reads];
            }
        }
    }

    public IReadOnlyList<(string ReaderId, string Fault)> Faults
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
        var received = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _reads.Add(new RecordedRead(reader.Id, credential, timestamp, received));
        }

        _changed.Release();
    }

    public void ReaderFault(ReaderConfiguration reader, string fault)
    {
        lock (_gate)
        {
            _faults.Add((reader.Id, fault));
        }

        _changed.Release();
    }

    /// <summary>Waits (real time: pcscd is a real process) until at least <paramref name="reads"/> reads were recorded.</summary>
    public Task WaitForReadsAsync(int reads, TimeSpan timeout) => WaitAsync(() => Reads.Count >= reads, timeout, $"{reads} read(s)");

    public Task WaitForFaultsAsync(int faults, TimeSpan timeout) => WaitAsync(() => Faults.Count >= faults, timeout, $"{faults} fault(s)");

    private async Task WaitAsync(Func<bool> done, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!done())
        {
            var left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                throw new TimeoutException($"waited {timeout} for {what}; got {Reads.Count} read(s), {Faults.Count} fault(s): {string.Join("; ", Faults.Select(f => f.Fault))}");
            }

            await _changed.WaitAsync(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency));
        }
    }
}
