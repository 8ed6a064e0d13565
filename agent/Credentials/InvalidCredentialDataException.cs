namespace Cybercantal.Edge.Agent.Credentials;

/// <summary>A credential message holds a row this site cannot store (bad status, credential or schedule).</summary>
public sealed class InvalidCredentialDataException : Exception
{
    public InvalidCredentialDataException()
    {
    }

    public InvalidCredentialDataException(string message)
        : base(message)
    {
    }

    public InvalidCredentialDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
