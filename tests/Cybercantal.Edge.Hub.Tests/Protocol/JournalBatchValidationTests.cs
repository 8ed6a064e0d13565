using System.Buffers;
using Cybercantal.Edge.Hub.Tests.Support;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Mqtt;

namespace Cybercantal.Edge.Hub.Tests.Protocol;

public sealed class JournalBatchValidationTests
{
    [Fact]
    public void A_well_formed_batch_round_trips_with_camel_case_and_omitted_nulls()
    {
        var bytes = Batches.Bytes("murat", 1, 2);
        var json = System.Text.Encoding.UTF8.GetString(bytes);

        Assert.True(JournalBatchValidation.TryRead(new ReadOnlySequence<byte>(bytes), "murat", out var batch, out var error), error);
        Assert.Equal(2, batch.Records.Count);
        Assert.Equal(Batches.Record(2), batch.Records[1]);
        Assert.StartsWith("""{"schema":1,"site":"murat","head":2,"records":[{"seq":1,"kind":1,"at":"2026-11-26T08:00:01+00:00","mono":1001,""", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_field_over_the_limit_is_named()
    {
        var batch = Batches.Make("murat", 1, 3);
        batch = batch with { Records = [batch.Records[0], batch.Records[1] with { Detail = new string('x', 300) }, batch.Records[2]] };

        var error = JournalBatchValidation.Validate(batch, "murat");

        Assert.Equal("record 1 (seq 2): 'detail' is longer than 256 characters", error);
    }

    [Theory]
    [InlineData("cybercantal/v1/sites/murat/journal", true, "murat", "journal")]
    [InlineData("cybercantal/v1/sites/murat/journal/x", false, "", "")]
    [InlineData("cybercantal/v1/sites/+/journal", false, "", "")]
    [InlineData("cybercantal/v1/sites/Murat/journal", false, "", "")]
    [InlineData("cybercantal/v2/sites/murat/journal", false, "", "")]
    public void Site_topics_are_parsed_strictly(string topic, bool valid, string site, string leaf)
    {
        Assert.Equal(valid, MqttTopics.TryParseSiteTopic(topic, out var parsedSite, out var parsedLeaf));
        Assert.Equal(site, parsedSite);
        Assert.Equal(leaf, parsedLeaf);
    }
}
