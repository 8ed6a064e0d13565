using Cybercantal.Edge.Hub.Billing;

namespace Cybercantal.Edge.Hub.Tests.Billing;

public sealed class UsageRecordParserTests
{
    private const string Times = "start=2026-03-10T09:00:00.000Z;end=2026-03-10T10:30:00.000Z";

    private static readonly DateTimeOffset End = new(2026, 3, 10, 10, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", "reason=badge-out;" + Times + ";seconds=5400;pages=12;counter-start=100;counter-end=112", UsageMeasures.CopierPages, "c1", 12)]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c2", "pages=3;" + Times + ";extra=x", UsageMeasures.CopierPages, "c2", 3)]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", "reason=badge-out;" + Times + ";seconds=5400;pages=7;flag=wrapped", UsageMeasures.CopierPages, "c1", 7)]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", "reason=badge-out;" + Times + ";seconds=5400;flag=unmeasured", UsageMeasures.CopierUnmeasured, "c1", 1)]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", "reason=badge-out;" + Times + ";seconds=5400;flag=counter-reset;counter-start=9000;counter-end=3", UsageMeasures.CopierUnmeasured, "c1", 1)]
    [InlineData(UsageRecordKinds.RoomUseEnded, "visio-door", "zone=visio;booking-start=2026-03-10T09:00:00.000Z;booking-end=2026-03-10T11:00:00.000Z;reason=badge-out;" + Times + ";seconds=5400", UsageMeasures.RoomMinutes, "visio", 90)]
    [InlineData(UsageRecordKinds.PcSessionEnded, "pc-3", "reason=logout;" + Times + ";seconds=5400", UsageMeasures.PcMinutes, "pc-3", 90)]
    public void Understands_the_agent_records(int kind, string door, string detail, string measure, string resource, long quantity)
    {
        Assert.True(UsageRecordParser.TryParse(kind, door, detail, out var record));
        Assert.Equal(new UsageRecord(measure, resource, quantity, End), record);
    }

    [Fact]
    public void A_no_show_is_counted_per_zone_without_a_door_and_without_end()
    {
        Assert.True(UsageRecordParser.TryParse(UsageRecordKinds.RoomNoShow, null,
            "zone=salle-1;booking-start=2026-03-10T09:00:00.000Z;booking-end=2026-03-10T10:00:00.000Z;released=2026-03-10T09:15:00.000Z", out var record));
        Assert.Equal(new UsageRecord(UsageMeasures.RoomNoShows, "salle-1", 1), record);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(29, 0)]
    [InlineData(30, 1)] // halves up
    [InlineData(89, 1)]
    [InlineData(90, 2)]
    [InlineData(3600, 60)]
    public void Seconds_become_minutes_rounded_to_the_nearest_halves_up(long seconds, long minutes) =>
        Assert.Equal(minutes, UsageRecordParser.MinutesOf(seconds));

    [Theory]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", null)]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", "")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", "reason=badge-out;seconds=10")] // no pages, no flag
    [InlineData(UsageRecordKinds.CopierSessionEnded, null, "pages=12")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "", "pages=12")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", "pages=-4")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", "pages=1e3")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", "pages=99999999999999999999999")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", "pages=100001")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", "pages=unmeasured")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", "pages=3;flag=guessed")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", "pages=3;end=yesterday")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "c1", "pages=3;end=2026-03-10T10:30:00.000+01:00")]
    [InlineData(UsageRecordKinds.RoomUseEnded, "visio-door", "zone=visio;seconds=604801")]
    [InlineData(UsageRecordKinds.RoomUseEnded, "visio-door", "zone=visio;seconds= 9 9")]
    [InlineData(UsageRecordKinds.RoomUseEnded, "visio-door", "seconds=60")] // the door is not the room's identity: zone required
    [InlineData(UsageRecordKinds.RoomUseEnded, "visio-door", "zone=;seconds=60")]
    [InlineData(UsageRecordKinds.RoomUseEnded, "visio-door", ";;;=;==")]
    [InlineData(UsageRecordKinds.PcSessionEnded, null, "seconds=10")]
    [InlineData(UsageRecordKinds.PcSessionEnded, "pc-1", "minutes=10")]
    [InlineData(UsageRecordKinds.RoomNoShow, null, "room=salle-1")]
    [InlineData(99, "c1", "pages=1")]
    public void Refuses_anything_malformed_without_throwing(int kind, string? door, string? detail) =>
        Assert.False(UsageRecordParser.TryParse(kind, door, detail, out _));
}
