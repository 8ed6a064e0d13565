using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Tests.Support.Snmp;
using Cybercantal.Edge.Agent.Usage.Snmp;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Usage.Snmp;

public sealed class SnmpClientTests
{
    private static readonly SnmpOid Counter = SnmpOid.Parse("1.3.6.1.2.1.43.10.2.1.4.1.1");
    private static readonly SnmpOid Status = SnmpOid.Parse("1.3.6.1.2.1.25.3.5.1.1.1");
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_well_formed_answer_returns_the_values_in_the_order_asked()
    {
        using var agent = new FakeSnmpAgent(request => [FakeSnmpAgent.Reply(request, [new(Counter, SnmpValue.Counter32(4242)), new(Status, SnmpValue.Integer(3))])]);

        var result = await Client().GetAsync(Target(agent), [Counter, Status], CancellationToken.None);

        Assert.Equal(SnmpGetStatus.Success, result.Status);
        Assert.Equal(4242UL, result.VarBinds[0].Value.Unsigned);
        Assert.Equal(3, result.VarBinds[1].Value.Number);
        Assert.Equal(1, result.Attempts);
        var request = Assert.Single(agent.Requests);
        Assert.Equal(BerTag.GetRequest, request.PduType);
        Assert.Equal("public"u8.ToArray(), request.Community);
        Assert.All(request.VarBinds, b => Assert.Equal(SnmpValueType.Null, b.Value.Type));
    }

    [Theory]
    [InlineData("garbage", "malformed")]
    [InlineData("truncated", "malformed")]
    [InlineData("wrong-id", "is not one of ours")]
    [InlineData("oversized", "oversized")]
    [InlineData("request-pdu", "is not a Response")]
    [InlineData("other-community", "community differs")]
    [InlineData("other-version", "version V1 instead of V2c")]
    public async Task An_unusable_datagram_is_discarded_and_the_real_answer_still_accepted(string kind, string reason)
    {
        using var agent = new FakeSnmpAgent(request => [Bad(kind, request), FakeSnmpAgent.ReplyAll(request, SnmpValue.Counter32(7))]);
        var logger = new CapturingLogger<SnmpClient>();

        var result = await Client(logger: logger).GetAsync(Target(agent), [Counter], CancellationToken.None);

        Assert.Equal(SnmpGetStatus.Success, result.Status);
        Assert.Equal(7UL, result.VarBinds[0].Value.Unsigned);
        Assert.Equal(1, result.DiscardedResponses);
        Assert.Contains(logger.Entries, e => e.EventId.Id == 2410 && e.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("wrong-id")]
    [InlineData("silent")]
    public async Task Without_a_usable_answer_every_attempt_times_out_and_the_result_says_so(string kind)
    {
        using var agent = new FakeSnmpAgent(request => kind == "silent" ? [] : [Bad(kind, request)]);

        var pending = Client().GetAsync(Target(agent), [Counter], CancellationToken.None);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await agent.WaitForRequestAsync();
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var result = await pending;

        Assert.Equal(SnmpGetStatus.Timeout, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Contains("no answer from 127.0.0.1", result.Error, StringComparison.Ordinal);
        Assert.Contains("after 3 attempts of 1000 ms", result.Error, StringComparison.Ordinal);
        var ids = agent.Requests.Select(r => r.RequestId).ToArray();
        Assert.Equal([ids[0], ids[0] + 1, ids[0] + 2], ids);
    }

    [Fact]
    public async Task A_late_answer_to_an_earlier_attempt_is_accepted()
    {
        SnmpMessage? first = null;
        using var agent = new FakeSnmpAgent(request =>
        {
            if (first is null)
            {
                first = request;
                return [];
            }

            return [FakeSnmpAgent.ReplyAll(first, SnmpValue.Counter32(99))];
        });

        var pending = Client().GetAsync(Target(agent), [Counter], CancellationToken.None);
        await agent.WaitForRequestAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        var result = await pending;

        Assert.Equal(SnmpGetStatus.Success, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(99UL, result.VarBinds[0].Value.Unsigned);
    }

    [Fact]
    public async Task A_v1_no_such_name_error_status_is_named_with_the_failing_oid()
    {
        using var agent = new FakeSnmpAgent(request => [FakeSnmpAgent.Reply(request, request.VarBinds, SnmpErrorStatus.NoSuchName, 2)]);

        var result = await Client().GetAsync(Target(agent, SnmpVersion.V1), [Counter, Status], CancellationToken.None);

        Assert.Equal(SnmpGetStatus.ErrorStatus, result.Status);
        Assert.Equal(SnmpErrorStatus.NoSuchName, result.ErrorStatus);
        Assert.Equal(2, result.ErrorIndex);
        Assert.Equal($"agent answered noSuchName (error-index 2) for {Status}", result.Error);
    }

    [Fact]
    public async Task A_gen_err_is_named()
    {
        using var agent = new FakeSnmpAgent(request => [FakeSnmpAgent.Reply(request, request.VarBinds, SnmpErrorStatus.GenErr, 0)]);

        var result = await Client().GetAsync(Target(agent), [Counter], CancellationToken.None);

        Assert.Equal(SnmpErrorStatus.GenErr, result.ErrorStatus);
        Assert.Contains("genErr", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V2c_exceptions_come_back_as_values()
    {
        using var agent = new FakeSnmpAgent(request => [FakeSnmpAgent.Reply(request, [new(Counter, SnmpValue.NoSuchObject), new(Status, SnmpValue.NoSuchInstance)])]);

        var result = await Client().GetAsync(Target(agent), [Counter, Status], CancellationToken.None);

        Assert.Equal(SnmpGetStatus.Success, result.Status);
        Assert.Equal(SnmpValueType.NoSuchObject, result.VarBinds[0].Value.Type);
        Assert.Equal(SnmpValueType.NoSuchInstance, result.VarBinds[1].Value.Type);
        Assert.True(result.VarBinds[0].Value.IsException);
    }

    [Fact]
    public async Task An_answer_for_another_oid_is_an_invalid_response()
    {
        var other = SnmpOid.Parse("1.3.6.1.2.1.1.3.0");
        using var agent = new FakeSnmpAgent(request => [FakeSnmpAgent.Reply(request, [new(other, SnmpValue.TimeTicks(5))])]);

        var result = await Client().GetAsync(Target(agent), [Counter], CancellationToken.None);

        Assert.Equal(SnmpGetStatus.InvalidResponse, result.Status);
        Assert.Equal($"agent answered {other} where {Counter} was asked (binding 1)", result.Error);
    }

    [Fact]
    public async Task An_answer_with_missing_bindings_is_an_invalid_response()
    {
        using var agent = new FakeSnmpAgent(request => [FakeSnmpAgent.Reply(request, [new(Counter, SnmpValue.Counter32(1))])]);

        var result = await Client().GetAsync(Target(agent), [Counter, Status], CancellationToken.None);

        Assert.Equal(SnmpGetStatus.InvalidResponse, result.Status);
        Assert.Contains("1 variable bindings for the 2 asked", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifty_concurrent_gets_each_get_their_own_answer()
    {
        // The agent answers each request with its own id as the counter: a crossed answer would show.
        using var agent = new FakeSnmpAgent(request => [FakeSnmpAgent.ReplyAll(request, SnmpValue.Counter32((uint)request.RequestId))]);
        var client = Client();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetAsync(Target(agent), [Counter], CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(SnmpGetStatus.Success, r.Status));
        var answered = results.Select(r => (int)r.VarBinds[0].Value.Unsigned).Order().ToArray();
        Assert.Equal(agent.Requests.Select(r => r.RequestId).Order().ToArray(), answered);
        Assert.Equal(50, answered.Distinct().Count());
    }

    [Fact]
    public async Task The_callers_cancellation_throws_instead_of_a_result()
    {
        using var agent = new FakeSnmpAgent(_ => []);
        using var cancel = new CancellationTokenSource();

        var pending = Client().GetAsync(Target(agent), [Counter], cancel.Token);
        await agent.WaitForRequestAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    private SnmpClient Client(int retries = 2, CapturingLogger<SnmpClient>? logger = null) =>
        new(new SnmpOptions { Timeout = TimeSpan.FromSeconds(1), Retries = retries, MaxResponseBytes = 1500 }, _time, logger);

    private static SnmpTarget Target(FakeSnmpAgent agent, SnmpVersion version = SnmpVersion.V2c) => new(agent.Endpoint, "public", version);

    private static byte[] Bad(string kind, SnmpMessage request)
    {
        var good = FakeSnmpAgent.ReplyAll(request, SnmpValue.Counter32(1));
        return kind switch
        {
            "garbage" => [0x30, 0x82, 0xFF, 0x10, 0x02, 0x01],
            "truncated" => good[..^3],
            "wrong-id" => FakeSnmpAgent.Reply(request, request.VarBinds, requestId: request.RequestId ^ 0x5555),
            "oversized" => SnmpMessageCodec.Encode(request with
            {
                PduType = BerTag.Response,
                VarBinds = [new(request.VarBinds[0].Oid, SnmpValue.OctetString(new byte[3000]))],
            }),
            "request-pdu" => SnmpMessageCodec.Encode(request),
            "other-community" => SnmpMessageCodec.Encode(request with { PduType = BerTag.Response, Community = "private"u8.ToArray() }),
            "other-version" => SnmpMessageCodec.Encode(request with { PduType = BerTag.Response, Version = SnmpVersion.V1 }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
