namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// A refused admin request, turned into an RFC 9457 problem details answer: status, a short title, a
/// detail naming the problem, and for validation errors the offending field.
/// </summary>
public sealed class AdminException : Exception
{
    public AdminException(int status, string title, string detail, string? field = null)
        : base(detail)
    {
        Status = status;
        Title = title;
        Field = field;
    }

    public AdminException()
        : this(500, "Error", "unspecified error")
    {
    }

    public AdminException(string message)
        : this(400, "Invalid request", message)
    {
    }

    public AdminException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
        Title = "Error";
    }

    public int Status { get; }

    public string Title { get; }

    /// <summary>The request field at fault (camelCase JSON name), for validation errors.</summary>
    public string? Field { get; }

    public static AdminException Invalid(string field, string detail) => new(400, "Invalid request", detail, field);

    public static AdminException NotFound(string detail) => new(404, "Not found", detail);

    public static AdminException Conflict(string detail) => new(409, "Conflict", detail);

    public static AdminException Forbidden(string detail) => new(403, "Forbidden", detail);
}
