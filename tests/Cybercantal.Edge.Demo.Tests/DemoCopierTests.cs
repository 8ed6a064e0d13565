using System.Net;
using Cybercantal.Edge.Agent.Usage.Snmp;

namespace Cybercantal.Edge.Demo.Tests;

/// <summary>The demo's copier answers the agent's own SNMP client as a copier would.</summary>
public sealed class DemoCopierTests
{
    private static readonly SnmpOid[] Asked = [CopierOids.PageCounter, CopierOids.PrinterStatus];

    [Fact]
    public async Task The_page_counter_and_status_are_read_over_snmp_and_follow_the_printing()
    {
        await using var copier = new DemoCopier(4_294_967_290);
        // Real loopback sockets: the client's attempt timeout runs on the real clock (a guard, not a timing assertion).
        var client = new SnmpClient(new SnmpOptions { Timeout = TimeSpan.FromSeconds(5), Retries = 1 }, TimeProvider.System);
        var target = new SnmpTarget(new IPEndPoint(IPAddress.Loopback, copier.Port), "public", SnmpVersion.V2c);

        var before = await client.GetAsync(target, Asked, CancellationToken.None);
        for (var page = 0; page < 8; page++)
        {
            copier.Print();
        }

        var printing = await client.GetAsync(target, Asked, CancellationToken.None);
        copier.Done();
        var after = await client.GetAsync(target, Asked, CancellationToken.None);

        Assert.True(before.Succeeded, before.Error);
        Assert.Equal(SnmpValue.Counter32(4_294_967_290), before.VarBinds[0].Value);
        Assert.Equal(SnmpValue.Integer(3), before.VarBinds[1].Value);
        // A Counter32 wraps: 8 pages after 4294967290 read 2.
        Assert.Equal(SnmpValue.Counter32(2), printing.VarBinds[0].Value);
        Assert.Equal(SnmpValue.Integer(4), printing.VarBinds[1].Value);
        Assert.Equal(SnmpValue.Integer(3), after.VarBinds[1].Value);
        Assert.Equal(3, copier.Requests);
    }

    [Fact]
    public async Task Anything_but_a_get_is_left_unanswered_and_unknown_oids_are_no_such_instance()
    {
        await using var copier = new DemoCopier(100);
        var get = new SnmpMessage(SnmpVersion.V2c, "public"u8.ToArray(), BerTag.GetRequest, 7, SnmpErrorStatus.NoError, 0, [new SnmpVarBind(SnmpOid.Parse("1.3.6.1.2.1.1.5.0"), SnmpValue.Null)]);

        Assert.Null(copier.Answer([0x30, 0x03, 0x02, 0x01]));
        Assert.Null(copier.Answer(SnmpMessageCodec.Encode(get with { PduType = BerTag.SetRequest })));
        Assert.True(SnmpMessageCodec.TryDecode(copier.Answer(SnmpMessageCodec.Encode(get)), out var answer, out var error), error);
        Assert.Equal(BerTag.Response, answer!.PduType);
        Assert.Equal(7, answer.RequestId);
        Assert.Equal(SnmpValue.NoSuchInstance, answer.VarBinds[0].Value);
    }
}
