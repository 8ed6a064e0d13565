namespace Cybercantal.Edge.Agent.Access;

/// <summary>One problem found in a seed file, at a 1-based line and column.</summary>
public sealed record AccessImportProblem(string File, int Line, int Column, string Message)
{
    /// <summary>The compiler-style form editors jump to: <c>FILE:LINE:COLUMN: message</c>.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {Message}");
}
