using System.Text;
using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// The usage record kinds (journal kinds 30-49) by their API name, the enum name in kebab case
/// (<c>PcSessionEnded</c> is <c>pc-session-ended</c>), so a kind added to the protocol is queryable at once.
/// </summary>
public static class UsageRecordKindNames
{
    public const int First = 30;
    public const int Last = 49;

    private static readonly Dictionary<string, JournalRecordKind> ByName = Enum.GetValues<JournalRecordKind>()
        .Where(kind => (int)kind is >= First and <= Last)
        .ToDictionary(Name, kind => kind, StringComparer.Ordinal);

    public static IEnumerable<string> Names => ByName.Keys.Order(StringComparer.Ordinal);

    public static bool TryParse(string name, out JournalRecordKind kind) => ByName.TryGetValue(name, out kind);

    public static string Name(JournalRecordKind kind)
    {
        var text = kind.ToString();
        var name = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (char.IsUpper(c) && name.Length > 0)
            {
                name.Append('-');
            }

            name.Append(char.ToLowerInvariant(c));
        }

        return name.ToString();
    }
}
