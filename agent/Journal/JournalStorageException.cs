namespace Cybercantal.Edge.Agent.Journal;

/// <summary>
/// The journal file cannot be used as is (corrupt, torn, not a SQLite database, unexpected schema).
/// The file is never recreated automatically: it holds records not yet sent to the hub.
/// </summary>
public sealed class JournalStorageException : Exception
{
    public JournalStorageException()
    {
    }

    public JournalStorageException(string message)
        : base(message)
    {
    }

    public JournalStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public JournalStorageException(string databasePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        DatabasePath = databasePath;
    }

    /// <summary>The journal file concerned.</summary>
    public string? DatabasePath { get; }
}
