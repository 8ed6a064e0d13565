using System.Text;
using Cybercantal.Edge.Hub.Billing;

namespace Cybercantal.Edge.Hub.Tests.Billing;

/// <summary>The month close's UTF-8 fast path gives the text parser's answer, or leaves the record to it.</summary>
public sealed class Utf8UsageRecordParserTests
{
    private const string Times = "start=2026-03-10T09:00:00.000Z;end=2026-03-10T10:30:00.000Z";

    public static TheoryData<int, string?, string?> Records => new()
    {
        { UsageRecordKinds.CopierSessionEnded, "c1", "reason=badge-out;" + Times + ";seconds=5400;pages=12;counter-start=100;counter-end=112" },
        { UsageRecordKinds.CopierSessionEnded, "c2", "pages=3;" + Times + ";extra=x" },
        { UsageRecordKinds.CopierSessionEnded, "c1", Times + ";pages=7;flag=wrapped" },
        { UsageRecordKinds.CopierSessionEnded, "c1", Times + ";flag=unmeasured" },
        { UsageRecordKinds.CopierSessionEnded, "c1", Times + ";flag=counter-reset" },
        { UsageRecordKinds.CopierSessionEnded, "c1", Times + ";flag= unmeasured ;pages=oops" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "flag=guessed;pages=3" },
        { UsageRecordKinds.CopierSessionEnded, "c1", null },
        { UsageRecordKinds.CopierSessionEnded, "c1", string.Empty },
        { UsageRecordKinds.CopierSessionEnded, null, "pages=12" },
        { UsageRecordKinds.CopierSessionEnded, string.Empty, "pages=12" },
        { UsageRecordKinds.CopierSessionEnded, " \t", "pages=12" },
        { UsageRecordKinds.CopierSessionEnded, new string('c', 64), "pages=12" },
        { UsageRecordKinds.CopierSessionEnded, new string('c', 65), "pages=12" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=-4" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=+4" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=1e3" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=99999999999999999999999" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=100000" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=100001" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=0007" },
        { UsageRecordKinds.CopierSessionEnded, "c1", " pages = 7 ;end=2026-03-10T10:30:00Z" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=3;end=yesterday" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=3;end=2026-03-10T10:30:00.000+01:00" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=3;end=2026-02-30T10:30:00.000Z" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=3;end=2026-03-10T24:00:00.000Z" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=3;end=2026-03-10T10:30:00.1234567Z" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=3;end=2026-03-10T10:30:00.12345678Z" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=3;end=2026-03-10T10:30:00.Z" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "pages=3;end=;end=2026-03-10T10:30:00.5Z" },
        { UsageRecordKinds.CopierSessionEnded, "c1", "end=2026-03-10T10:30:00.000Z;pages=3;pages=4" },
        { UsageRecordKinds.CopierSessionEnded, "cé", "pages=3" },
        { UsageRecordKinds.RoomUseEnded, "visio-door", "zone=visio;booking-start=2026-03-10T09:00:00.000Z;" + Times + ";seconds=5400" },
        { UsageRecordKinds.RoomUseEnded, null, "zone=visio;seconds=89" },
        { UsageRecordKinds.RoomUseEnded, "visio-door", "zone=visio;seconds=604800" },
        { UsageRecordKinds.RoomUseEnded, "visio-door", "zone=visio;seconds=604801" },
        { UsageRecordKinds.RoomUseEnded, "visio-door", "zone=visio;seconds= 9 9" },
        { UsageRecordKinds.RoomUseEnded, "visio-door", "seconds=60" },
        { UsageRecordKinds.RoomUseEnded, "visio-door", "zone=;seconds=60" },
        { UsageRecordKinds.RoomUseEnded, "visio-door", "zone=salle\u00a0é;seconds=60" },
        { UsageRecordKinds.RoomUseEnded, "visio-door", "zone=" + new string('z', 65) + ";seconds=60" },
        { UsageRecordKinds.RoomUseEnded, "visio-door", ";;;=;==" },
        { UsageRecordKinds.RoomNoShow, null, "zone=salle-1;booking-start=2026-03-10T09:00:00.000Z;released=2026-03-10T09:15:00.000Z" },
        { UsageRecordKinds.RoomNoShow, null, "room=salle-1" },
        { UsageRecordKinds.PcSessionEnded, "pc-3", "reason=logout;" + Times + ";seconds=5400" },
        { UsageRecordKinds.PcSessionEnded, null, "seconds=10" },
        { UsageRecordKinds.PcSessionEnded, "pc-1", "minutes=10" },
        { 99, "c1", "pages=1" },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void Gives_the_text_parsers_answer_or_leaves_the_record_to_it(int kind, string? door, string? detail)
    {
        var parsed = UsageRecordParser.TryParse(kind, door, detail, out var expected);
        var outcome = Utf8UsageRecordParser.TryParse(kind, Encoding.UTF8.GetBytes(door ?? string.Empty), Encoding.UTF8.GetBytes(detail ?? string.Empty),
            out var measure, out var zone, out var quantity, out var endUs);
        if (outcome == Utf8ParseOutcome.NeedsText)
        {
            return;
        }

        Assert.Equal(parsed ? Utf8ParseOutcome.Parsed : Utf8ParseOutcome.Refused, outcome);
        if (parsed)
        {
            Assert.Equal(expected.Measure, measure);
            Assert.Equal(expected.Quantity, quantity);
            Assert.Equal(expected.End is { } end ? (end.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10 : null, endUs);
            if (measure is UsageMeasures.RoomMinutes or UsageMeasures.RoomNoShows)
            {
                Assert.Equal(expected.Resource, Encoding.UTF8.GetString(zone));
            }
        }
    }

    [Theory]
    [InlineData("pages=3;end=2026-03-10T10:30:00.000Z")]
    [InlineData("pages=3;end=2026-10-25T00:59:59.999Z")]
    public void Reads_the_agents_records_without_the_text_parser(string detail) =>
        Assert.Equal(Utf8ParseOutcome.Parsed, Utf8UsageRecordParser.TryParse(UsageRecordKinds.CopierSessionEnded, "c1"u8, Encoding.UTF8.GetBytes(detail), out _, out _, out _, out _));
}
