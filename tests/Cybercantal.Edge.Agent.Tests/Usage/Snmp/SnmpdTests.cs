using Cybercantal.Edge.Agent.Tests.Support.Snmp;
using Cybercantal.Edge.Agent.Usage.Snmp;

namespace Cybercantal.Edge.Agent.Tests.Usage.Snmp;

/// <summary>
/// The client against a real net-snmp snmpd. Timeouts here are real time: they are what a silent or misconfigured
/// device costs, which no fake clock can show.
/// </summary>
[Collection(SnmpdCollection.Name)]
public sealed class SnmpdTests(SnmpdFixture fixture)
{
    private static readonly SnmpOid Counter = SnmpOid.Parse("1.3.6.1.2.1.43.10.2.1.4.1.1");
    private static readonly SnmpOid Status = SnmpOid.Parse("1.3.6.1.2.1.25.3.5.1.1.1");
    private readonly SnmpdProcess _snmpd = fixture.Snmpd;
    private readonly SnmpClient _client = new(new SnmpOptions { Timeout = TimeSpan.FromMilliseconds(300), Retries = 2 }, TimeProvider.System);

    [Theory]
    [InlineData(SnmpVersion.V1)]
    [InlineData(SnmpVersion.V2c)]
    public async Task Reads_the_counter_then_sees_it_change(SnmpVersion version)
    {
        _snmpd.SetCounter(15_000);
        _snmpd.SetStatus(3);

        var before = await _client.GetAsync(Target(version), [Counter, Status], CancellationToken.None);
        _snmpd.SetCounter(15_012);
        _snmpd.SetStatus(4);
        var after = await _client.GetAsync(Target(version), [Counter, Status], CancellationToken.None);

        Assert.Equal(SnmpGetStatus.Success, before.Status);
        Assert.Equal(SnmpValue.Counter32(15_000), before.VarBinds[0].Value);
        Assert.Equal(SnmpValue.Integer(3), before.VarBinds[1].Value);
        Assert.Equal(SnmpValue.Counter32(15_012), after.VarBinds[0].Value);
        Assert.Equal(SnmpValue.Integer(4), after.VarBinds[1].Value);
    }

    [Fact]
    public async Task A_counter_wrapping_past_two_to_the_32_shows_as_the_raw_values()
    {
        _snmpd.SetCounter(uint.MaxValue - 1);
        var before = await _client.GetAsync(Target(SnmpVersion.V2c), [Counter], CancellationToken.None);
        _snmpd.SetCounter(uint.MaxValue);
        var top = await _client.GetAsync(Target(SnmpVersion.V2c), [Counter], CancellationToken.None);
        _snmpd.SetCounter(3);
        var wrapped = await _client.GetAsync(Target(SnmpVersion.V2c), [Counter], CancellationToken.None);

        Assert.Equal(4294967294UL, before.VarBinds[0].Value.Unsigned);
        Assert.Equal(4294967295UL, top.VarBinds[0].Value.Unsigned);
        Assert.Equal(3UL, wrapped.VarBinds[0].Value.Unsigned);
    }

    [Fact]
    public async Task A_missing_variable_is_no_such_instance_in_v2c_and_no_such_name_in_v1()
    {
        _snmpd.SetCounter(10);
        _snmpd.RemoveStatus();
        try
        {
            var v2c = await _client.GetAsync(Target(SnmpVersion.V2c), [Counter, Status], CancellationToken.None);
            var v1 = await _client.GetAsync(Target(SnmpVersion.V1), [Counter, Status], CancellationToken.None);

            Assert.Equal(SnmpGetStatus.Success, v2c.Status);
            Assert.Equal(SnmpValue.Counter32(10), v2c.VarBinds[0].Value);
            Assert.Equal(SnmpValueType.NoSuchInstance, v2c.VarBinds[1].Value.Type);
            Assert.Equal(SnmpGetStatus.ErrorStatus, v1.Status);
            Assert.Equal(SnmpErrorStatus.NoSuchName, v1.ErrorStatus);
            Assert.Equal(2, v1.ErrorIndex);
        }
        finally
        {
            _snmpd.SetStatus(3);
        }
    }

    [Fact]
    public async Task A_wrong_community_gets_no_answer_so_the_result_is_a_timeout()
    {
        var result = await _client.GetAsync(new SnmpTarget(_snmpd.Endpoint, "not-the-community", SnmpVersion.V2c), [Counter], CancellationToken.None);

        Assert.Equal(SnmpGetStatus.Timeout, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.DoesNotContain("not-the-community", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_agent_times_out_after_every_retry()
    {
        using var stopped = SnmpdProcess.Start(counter: 1);
        var target = new SnmpTarget(stopped.Endpoint, "public", SnmpVersion.V2c);
        Assert.True((await _client.GetAsync(target, [Counter], CancellationToken.None)).Succeeded);
        stopped.Stop();

        var started = TimeProvider.System.GetTimestamp();
        var result = await _client.GetAsync(target, [Counter], CancellationToken.None);
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        Assert.Equal(SnmpGetStatus.Timeout, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(850), TimeSpan.FromSeconds(5));

        stopped.Restart();
        Assert.True((await _client.GetAsync(target, [Counter], CancellationToken.None)).Succeeded);
    }

    private SnmpTarget Target(SnmpVersion version) => new(_snmpd.Endpoint, _snmpd.Community, version);
}
