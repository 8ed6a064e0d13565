namespace Cybercantal.Edge.Protocol.Journal;

/// <summary>Reads the <c>key=value;key=value</c> detail of a usage record (as the agent writes it) back into its fields.</summary>
public static class JournalDetailFields
{
    /// <summary>The fields of <paramref name="detail"/>; a part without a key is skipped, a repeated key keeps its last value.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string? detail)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (detail ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                fields[part[..equals]] = part[(equals + 1)..];
            }
        }

        return fields;
    }
}
