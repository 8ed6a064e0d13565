using Cybercantal.Edge.Hub.Billing;

namespace Cybercantal.Edge.Hub.Tests.Billing;

public sealed class UsageRecordParserTests
{
    [Theory]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "copier=c1;pages=12", UsageMeasures.CopierPages, "c1", 12)]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "pages=3;copier=c2;extra=x", UsageMeasures.CopierPages, "c2", 3)]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "copier=c1;unmeasured", UsageMeasures.CopierUnmeasured, "c1", 1)]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "copier=c1;pages=unmeasured", UsageMeasures.CopierUnmeasured, "c1", 1)]
    [InlineData(UsageRecordKinds.RoomUseEnded, "room=visio;minutes=90", UsageMeasures.RoomMinutes, "visio", 90)]
    [InlineData(UsageRecordKinds.PcSessionEnded, "pc=pc-3;minutes=45;reason=logout", UsageMeasures.PcMinutes, "pc-3", 45)]
    [InlineData(UsageRecordKinds.RoomNoShow, "room=salle-1", UsageMeasures.RoomNoShows, "salle-1", 1)]
    public void Understands_the_contract(int kind, string detail, string measure, string resource, long quantity)
    {
        Assert.True(UsageRecordParser.TryParse(kind, detail, out var record));
        Assert.Equal(new UsageRecord(measure, resource, quantity), record);
    }

    [Theory]
    [InlineData(UsageRecordKinds.CopierSessionEnded, null)]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "copier=c1")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "pages=12")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "copier=;pages=12")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "copier=c1;pages=-4")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "copier=c1;pages=1e3")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "copier=c1;pages=99999999999999999999999")]
    [InlineData(UsageRecordKinds.CopierSessionEnded, "copier=c1;pages=100001")]
    [InlineData(UsageRecordKinds.RoomUseEnded, "room=visio;minutes=10081")]
    [InlineData(UsageRecordKinds.RoomUseEnded, "room=visio;minutes= 9 9")]
    [InlineData(UsageRecordKinds.RoomUseEnded, ";;;=;==")]
    [InlineData(UsageRecordKinds.PcSessionEnded, "minutes=10")]
    [InlineData(99, "copier=c1;pages=1")]
    public void Refuses_anything_malformed_without_throwing(int kind, string? detail) =>
        Assert.False(UsageRecordParser.TryParse(kind, detail, out _));
}
