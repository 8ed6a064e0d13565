using System.Globalization;
using Cybercantal.Edge.Protocol.Access;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// Reads and validates a seed file row by row, collecting every problem with its position instead of
/// stopping at the first one. Format: docs/access-rules.md.
/// </summary>
internal sealed class AccessSeedParser
{
    private static readonly string[] Sections = ["members", "badges", "rights", "leases", "bookings"];
    private static readonly string[] MemberKeys = ["id", "display_name", "status", "valid_from", "valid_to", "staff"];
    private static readonly string[] BadgeKeys = ["credential", "member", "state"];
    private static readonly string[] RightKeys = ["member", "zone", "schedule", "valid_from", "valid_to"];
    private static readonly string[] LeaseKeys = ["member", "zone", "start", "end"];
    private static readonly string[] BookingKeys = ["member", "zone", "start", "end"];

    private readonly string _file;
    private readonly List<AccessImportProblem> _problems = [];
    private readonly AccessSeed _seed = new();
    private readonly Dictionary<string, Mark> _memberLines = new(StringComparer.Ordinal);
    private readonly Dictionary<Credential, Mark> _badgeLines = [];
    private readonly List<(BookingRecord Booking, Mark Mark)> _bookingMarks = [];

    private AccessSeedParser(string file) => _file = file;

    public static (AccessSeed Seed, List<AccessImportProblem> Problems) Parse(string file, TextReader text)
    {
        var parser = new AccessSeedParser(file);
        parser.Run(text);
        parser._problems.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return (parser._seed, parser._problems);
    }

    private void Run(TextReader text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException exception)
        {
            Problem(exception.Start, "not valid YAML: " + (exception.InnerException?.Message ?? exception.Message));
            return;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            _problems.Add(new AccessImportProblem(_file, 1, 1, "a seed file is a mapping with sections: " + string.Join(", ", Sections)));
            return;
        }

        foreach (var (key, _) in root.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || !Sections.Contains(name, StringComparer.Ordinal))
            {
                Problem(key.Start, $"unknown section '{key}' (expected: {string.Join(", ", Sections)})");
            }
        }

        // Members first: every other section refers to them.
        foreach (var row in Rows(root, "members", MemberKeys))
        {
            ReadMember(row);
        }

        foreach (var row in Rows(root, "badges", BadgeKeys))
        {
            ReadBadge(row);
        }

        foreach (var row in Rows(root, "rights", RightKeys))
        {
            ReadRight(row);
        }

        foreach (var row in Rows(root, "leases", LeaseKeys))
        {
            ReadLease(row);
        }

        foreach (var row in Rows(root, "bookings", BookingKeys))
        {
            ReadBooking(row);
        }

        CheckBookingOverlaps();
    }

    private IEnumerable<YamlMappingNode> Rows(YamlMappingNode root, string section, string[] keys)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(section), out var node)
            || node is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            yield break;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Problem(node.Start, $"'{section}' must be a list of rows");
            yield break;
        }

        foreach (var item in sequence)
        {
            if (item is not YamlMappingNode row)
            {
                Problem(item.Start, $"each entry of '{section}' must be a mapping of {string.Join(", ", keys)}");
                continue;
            }

            foreach (var (key, _) in row.Children)
            {
                if (key is not YamlScalarNode { Value: { } name } || !keys.Contains(name, StringComparer.Ordinal))
                {
                    Problem(key.Start, $"unknown key '{key}' in {section} (expected: {string.Join(", ", keys)})");
                }
            }

            yield return row;
        }
    }

    private void ReadMember(YamlMappingNode row)
    {
        var id = Required(row, "id", out var idNode);
        var name = Required(row, "display_name", out _);
        var statusText = Optional(row, "status", out var statusNode) ?? "active";
        var ok = id is not null && name is not null;
        if (!AccessStoreFormat.TryParseMemberStatus(statusText, out var status))
        {
            Problem(statusNode!.Start, $"member status '{statusText}' is not one of active, suspended, expired");
            ok = false;
        }

        var (from, to, datesOk) = DateRange(row, "valid_from", "valid_to");
        var staff = Bool(row, "staff", out var staffOk);
        if (id is not null && !_memberLines.TryAdd(id, idNode!.Start))
        {
            Problem(idNode!.Start, $"duplicate member id '{id}' (first defined at line {_memberLines[id].Line})");
            ok = false;
        }

        if (ok && datesOk && staffOk)
        {
            _seed.Members.Add(new MemberRecord(id!, name!, status, from, to, staff));
        }
    }

    private void ReadBadge(YamlMappingNode row)
    {
        var text = Required(row, "credential", out var credentialNode);
        var member = MemberReference(row);
        var stateText = Optional(row, "state", out var stateNode) ?? "active";
        var ok = member is not null;
        if (!AccessStoreFormat.TryParseBadgeState(stateText, out var state))
        {
            Problem(stateNode!.Start, $"badge state '{stateText}' is not one of active, revoked, lost");
            ok = false;
        }

        if (text is null)
        {
            return;
        }

        if (!Credential.TryParse(text, out var credential))
        {
            Problem(credentialNode!.Start, $"'{text}' is not a credential (expected e.g. nfc:04A1B2C3D4E5F6 or wiegand26:123:45678)");
            return;
        }

        if (!_badgeLines.TryAdd(credential, credentialNode!.Start))
        {
            Problem(credentialNode.Start, $"duplicate badge {credential} (first defined at line {_badgeLines[credential].Line})");
            return;
        }

        if (ok)
        {
            _seed.Badges.Add(new BadgeRecord(credential, state, member!));
        }
    }

    private void ReadRight(YamlMappingNode row)
    {
        var member = MemberReference(row);
        var zone = Zone(row);
        var schedule = Optional(row, "schedule", out var scheduleNode);
        var ok = member is not null && zone is not null;
        if (schedule is not null && !RightSchedule.TryParse(schedule, out _, out var error, out var offset))
        {
            var quoted = scheduleNode is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } ? 1 : 0;
            var start = scheduleNode!.Start;
            _problems.Add(new AccessImportProblem(_file, (int)start.Line, (int)start.Column + quoted + offset, "schedule: " + error));
            ok = false;
        }

        var (from, to, datesOk) = DateRange(row, "valid_from", "valid_to");
        if (ok && datesOk)
        {
            _seed.Rights.Add(new AccessRightRecord(member!, zone!, schedule, from, to));
        }
    }

    private void ReadLease(YamlMappingNode row)
    {
        var member = MemberReference(row);
        var zone = Zone(row);
        var startOk = Required(row, "start", out _) is not null;
        var (start, end, datesOk) = DateRange(row, "start", "end");
        if (member is not null && zone is not null && startOk && datesOk)
        {
            _seed.Leases.Add(new LeaseRecord(member, zone, start!.Value, end));
        }
    }

    private void ReadBooking(YamlMappingNode row)
    {
        var member = MemberReference(row);
        var zone = Zone(row);
        var start = Instant(row, "start");
        var end = Instant(row, "end");
        if (start is null || end is null)
        {
            return;
        }

        if (end <= start)
        {
            Problem(row.Children[new YamlScalarNode("end")].Start, "booking end must be after its start");
            return;
        }

        if (member is not null && zone is not null)
        {
            var booking = new BookingRecord(member, zone, start.Value, end.Value);
            _seed.Bookings.Add(booking);
            _bookingMarks.Add((booking, row.Start));
        }
    }

    private void CheckBookingOverlaps()
    {
        foreach (var room in _bookingMarks.GroupBy(b => b.Booking.Zone, StringComparer.Ordinal))
        {
            var ordered = room.OrderBy(b => b.Booking.Start).ToList();
            var latest = ordered[0];
            for (var i = 1; i < ordered.Count; i++)
            {
                var current = ordered[i];
                if (current.Booking.Start < latest.Booking.End)
                {
                    Problem(current.Mark, string.Create(CultureInfo.InvariantCulture,
                        $"booking of {room.Key} from {AccessStoreFormat.Instant(current.Booking.Start)} overlaps the booking at line {latest.Mark.Line} (until {AccessStoreFormat.Instant(latest.Booking.End)})"));
                }

                if (current.Booking.End > latest.Booking.End)
                {
                    latest = current;
                }
            }
        }
    }

    private string? MemberReference(YamlMappingNode row)
    {
        var member = Required(row, "member", out var node);
        if (member is not null && !_memberLines.ContainsKey(member))
        {
            Problem(node!.Start, $"unknown member '{member}' (not in members)");
            return null;
        }

        return member;
    }

    private string? Zone(YamlMappingNode row)
    {
        var zone = Required(row, "zone", out var node);
        if (zone is not null && zone.Any(char.IsWhiteSpace))
        {
            Problem(node!.Start, $"zone id '{zone}' must not contain spaces");
            return null;
        }

        return zone;
    }

    private (DateOnly? From, DateOnly? To, bool Ok) DateRange(YamlMappingNode row, string fromKey, string toKey)
    {
        var from = Date(row, fromKey, out var fromOk);
        var to = Date(row, toKey, out var toOk);
        if (from is not null && to is not null && to < from)
        {
            Problem(row.Children[new YamlScalarNode(toKey)].Start, $"{toKey} {to:yyyy-MM-dd} is before {fromKey} {from:yyyy-MM-dd}");
            return (from, to, false);
        }

        return (from, to, fromOk && toOk);
    }

    private DateOnly? Date(YamlMappingNode row, string key, out bool ok)
    {
        ok = true;
        var text = Optional(row, key, out var node);
        if (text is null)
        {
            return null;
        }

        if (!AccessStoreFormat.TryParseDate(text, out var date))
        {
            Problem(node!.Start, $"{key} '{text}' is not a date yyyy-MM-dd");
            ok = false;
            return null;
        }

        return date;
    }

    private DateTimeOffset? Instant(YamlMappingNode row, string key)
    {
        var text = Required(row, key, out var node);
        if (text is null)
        {
            return null;
        }

        // An instant without an offset would be read in the importing machine's zone: refuse it.
        var hasOffset = text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            Problem(node!.Start, $"{key} '{text}' is not an instant with an offset (e.g. 2026-12-01T09:00:00Z)");
            return null;
        }

        return instant.ToUniversalTime();
    }

    private bool Bool(YamlMappingNode row, string key, out bool ok)
    {
        ok = true;
        var text = Optional(row, key, out var node);
        switch (text)
        {
            case null or "false" or "no":
                return false;
            case "true" or "yes":
                return true;
            default:
                Problem(node!.Start, $"{key} '{text}' is not true or false");
                ok = false;
                return false;
        }
    }

    private string? Required(YamlMappingNode row, string key, out YamlNode? node)
    {
        var value = Optional(row, key, out node);
        if (value is null && node is null)
        {
            Problem(row.Start, $"missing '{key}'");
        }
        else if (node is not YamlScalarNode)
        {
            // Already reported by Optional.
            return null;
        }
        else if (value is null || value.Length == 0)
        {
            Problem(node!.Start, $"'{key}' must not be empty");
            return null;
        }

        return value;
    }

    private string? Optional(YamlMappingNode row, string key, out YamlNode? node)
    {
        if (!row.Children.TryGetValue(new YamlScalarNode(key), out node))
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Problem(node.Start, $"'{key}' must be a single value");
            return null;
        }

        var value = scalar.Value?.Trim();
        return scalar.Style == ScalarStyle.Plain && value is "~" or "null" or "" ? null : value;
    }

    private void Problem(Mark mark, string message) =>
        _problems.Add(new AccessImportProblem(_file, (int)mark.Line, (int)mark.Column, message));
}
