using System.Globalization;
using System.Text;
using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Agent.Usage;

/// <summary>
/// Builds the <c>key=value;key=value</c> detail of usage records. Instants are UTC ISO-8601 with
/// milliseconds, durations whole seconds of real elapsed time (never wall-clock differences, so a
/// summer-time change neither adds nor removes an hour).
/// </summary>
public sealed class UsageDetail
{
    private readonly StringBuilder _text = new();

    public static string Instant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public UsageDetail Add(string key, string? value)
    {
        if (value is null)
        {
            return this;
        }

        if (_text.Length > 0)
        {
            _text.Append(';');
        }

        _text.Append(key).Append('=').Append(value.Replace(';', ',').Replace('=', ':'));
        return this;
    }

    public UsageDetail Add(string key, DateTimeOffset? at) => at is null ? this : Add(key, Instant(at.Value));

    public UsageDetail Add(string key, long? value) => value is null ? this : Add(key, value.Value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds <c>seconds=</c>: the real time from start to end, never negative.</summary>
    public UsageDetail Seconds(DateTimeOffset start, DateTimeOffset end) =>
        Add("seconds", (long)Math.Max(0, Math.Floor((end - start).TotalSeconds)));

    public override string ToString() => _text.ToString();

    /// <summary>Reads a detail back into its fields (tests, the hub's billing helper).</summary>
    public static IReadOnlyDictionary<string, string> Parse(string? detail) => JournalDetailFields.Parse(detail);
}
