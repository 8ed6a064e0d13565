using System.Globalization;
using System.Text;
using Cybercantal.Edge.Agent.Journal;

namespace Cybercantal.Edge.Agent.Sync;

/// <summary>
/// The link's small persistent state: the session counter (incremented at every connection, so a late
/// Will of an old connection is recognisable) and the last sequence the hub acknowledged (so a restart
/// resumes there instead of resending everything). Two lines of text, replaced atomically
/// (write + fsync + rename). A missing or unreadable file starts from zero: the retained ack corrects the
/// position, and the session only needs to grow, which <see cref="NextSession"/> still guarantees once the
/// file is writable again.
/// </summary>
public sealed class SyncStateFile : IJournalAcknowledgement
{
    private readonly Lock _gate = new();
    private readonly string _path;
    private long _session;
    private long _acked;

    public SyncStateFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        (_session, _acked, LoadError) = Load(_path);
    }

    public string FilePath => _path;

    /// <summary>Why the file could not be read at start (null when it was fine or absent).</summary>
    public string? LoadError { get; }

    public long Session
    {
        get
        {
            lock (_gate)
            {
                return _session;
            }
        }
    }

    public long Acked
    {
        get
        {
            lock (_gate)
            {
                return _acked;
            }
        }
    }

    /// <summary>The hub's acknowledgement as journal retention sees it (never deletes above it).</summary>
    long IJournalAcknowledgement.AcknowledgedThrough => Acked;

    /// <summary>Increments and persists the session counter; returns the new value.</summary>
    public long NextSession()
    {
        lock (_gate)
        {
            _session++;
            Save();
            return _session;
        }
    }

    /// <summary>Records the hub's latest acknowledgement (persisted; the write is skipped when unchanged).</summary>
    public void SetAcked(long acked)
    {
        lock (_gate)
        {
            if (acked == _acked)
            {
                return;
            }

            _acked = acked;
            Save();
        }
    }

    private void Save()
    {
        var directory = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = _path + ".tmp";
        var text = string.Create(CultureInfo.InvariantCulture, $"session {_session}\nacked {_acked}\n");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.ASCII.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }

    private static (long Session, long Acked, string? Error) Load(string path)
    {
        if (!File.Exists(path))
        {
            return (0, 0, null);
        }

        try
        {
            long session = 0;
            long acked = 0;
            foreach (var line in File.ReadAllLines(path))
            {
                var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    continue;
                }

                switch (parts[0])
                {
                    case "session":
                        session = value;
                        break;
                    case "acked":
                        acked = value;
                        break;
                }
            }

            return (session, acked, null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (0, 0, exception.Message);
        }
    }
}
