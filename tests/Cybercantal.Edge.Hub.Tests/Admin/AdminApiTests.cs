using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Commands;
using Cybercantal.Edge.Hub.Tests.Support;
using Cybercantal.Edge.Protocol.Commands;
using Cybercantal.Edge.Protocol.Credentials;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;
using MQTTnet;
using MQTTnet.Protocol;

namespace Cybercantal.Edge.Hub.Tests.Admin;

public sealed class AdminApiTests : IAsyncLifetime
{
    private AdminHub _hub = null!;

    private HttpClient Admin => _hub.Admin;

    public async Task InitializeAsync() => _hub = await AdminHub.StartAsync("murat", "saint-flour");

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Member_crud_round_trips_with_badges_rights_leases_and_bookings()
    {
        var created = await Admin.PostAsJsonAsync("/api/members", new MemberRequest { Id = "m-1", Name = "Anne", Sites = ["murat"], ValidFrom = new DateOnly(2026, 1, 1) }, AdminHub.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/members/m-1", created.Headers.Location?.ToString());

        Assert.Equal(HttpStatusCode.Created, (await Admin.PostAsJsonAsync("/api/badges", new BadgeRequest { Credential = "nfc:04a1b2c3", MemberId = "m-1" }, AdminHub.Json)).StatusCode);
        var right = await Read<RightView>(await Admin.PostAsJsonAsync("/api/rights", new RightRequest { MemberId = "m-1", Site = "murat", Zone = "atelier", Schedule = "mon-fri 08:00-12:00,14:00-18:00" }, AdminHub.Json));
        var lease = await Read<LeaseView>(await Admin.PostAsJsonAsync("/api/leases", new LeaseRequest { MemberId = "m-1", Site = "murat", Zone = "bureau-1", Start = new DateOnly(2026, 11, 1) }, AdminHub.Json));
        var booking = await Read<BookingView>(await Admin.PostAsJsonAsync("/api/bookings", Booking("m-1", 9, 10), AdminHub.Json));

        var member = await Admin.GetFromJsonAsync<MemberView>("/api/members/m-1", AdminHub.Json);
        Assert.NotNull(member);
        Assert.Equal("nfc:04A1B2C3", member.Badges.Single().Credential);
        Assert.Equal("active", member.Badges.Single().State);
        Assert.Equal(right.Id, member.Rights.Single().Id);
        Assert.Equal(lease.Id, member.Leases.Single().Id);
        Assert.Equal(booking.Id, member.Bookings.Single().Id);

        var updated = await Admin.PutAsJsonAsync("/api/members/m-1", new MemberRequest { Name = "Anne-Marie", Status = "suspended", Sites = ["murat", "saint-flour"] }, AdminHub.Json);
        Assert.Equal("suspended", (await Read<MemberView>(updated)).Status);
        var revoked = await Read<BadgeView>(await Admin.PostAsync("/api/badges/nfc:04A1B2C3/revoke", null));
        Assert.Equal("revoked", revoked.State);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/bookings/{booking.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/rights/{right.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync("/api/members/m-1")).StatusCode);
        await AssertProblem(await Admin.GetAsync("/api/members/m-1"), HttpStatusCode.NotFound, "No member 'm-1'.");
        await AssertProblem(await Admin.GetAsync("/api/badges/nfc:04A1B2C3"), HttpStatusCode.NotFound, "No badge 'nfc:04A1B2C3'.");

        // Every change bumped Murat's credential version.
        var version = await Admin.GetFromJsonAsync<SiteCredentialsVersion>("/api/sites/murat/credentials", AdminHub.Json);
        Assert.Equal(10, version!.Version);
    }

    [Theory]
    [InlineData("""{"id":"m 1","name":"Anne","sites":["murat"]}""", "id")]
    [InlineData("""{"id":"m-1","name":"","sites":["murat"]}""", "name")]
    [InlineData("""{"id":"m-1","name":"Anne","sites":["Murat!"]}""", "sites")]
    [InlineData("""{"id":"m-1","name":"Anne","status":"vip","sites":["murat"]}""", "status")]
    [InlineData("""{"id":"m-1","name":"Anne","validFrom":"2026-05-01","validTo":"2026-04-01","sites":["murat"]}""", "validTo")]
    public async Task Invalid_member_is_a_validation_problem_naming_the_field(string json, string field)
    {
        var response = await Admin.PostAsync("/api/members", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest, null);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.Contains(field, messages[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Badge_and_right_errors_are_clear()
    {
        await _hub.CreateMemberAsync("m-1", "nfc:01020304", "murat");

        var bad = await AssertProblem(await Admin.PostAsJsonAsync("/api/badges", new BadgeRequest { Credential = "wiegand26:300:1", MemberId = "m-1" }, AdminHub.Json), HttpStatusCode.BadRequest, null);
        Assert.Contains("'wiegand26:300:1' is not a credential", bad.GetProperty("errors").GetProperty("credential")[0].GetString(), StringComparison.Ordinal);
        await AssertProblem(await Admin.PostAsJsonAsync("/api/badges", new BadgeRequest { Credential = "nfc:01020304", MemberId = "m-1" }, AdminHub.Json),
            HttpStatusCode.Conflict, "Badge 'nfc:01020304' already belongs to member 'm-1'.");
        await AssertProblem(await Admin.PostAsJsonAsync("/api/badges", new BadgeRequest { Credential = "nfc:0A0B", MemberId = "nobody" }, AdminHub.Json),
            HttpStatusCode.NotFound, "No member 'nobody'.");
        var schedule = await AssertProblem(await Admin.PostAsJsonAsync("/api/rights", new RightRequest { MemberId = "m-1", Site = "murat", Zone = "atelier", Schedule = "weekdays 8-18" }, AdminHub.Json), HttpStatusCode.BadRequest, null);
        Assert.True(schedule.GetProperty("errors").TryGetProperty("schedule", out _));
        var elsewhere = await AssertProblem(await Admin.PostAsJsonAsync("/api/rights", new RightRequest { MemberId = "m-1", Site = "saint-flour", Zone = "atelier" }, AdminHub.Json), HttpStatusCode.BadRequest, null);
        Assert.Contains("not known at site 'saint-flour'", elsewhere.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overlapping_bookings_of_one_room_are_refused_with_the_conflicting_booking()
    {
        await _hub.CreateMemberAsync("m-1", "nfc:01020304", "murat");
        await _hub.CreateMemberAsync("m-2", "nfc:05060708", "murat");
        var first = await Read<BookingView>(await Admin.PostAsJsonAsync("/api/bookings", Booking("m-1", 9, 11), AdminHub.Json));

        var problem = await AssertProblem(await Admin.PostAsJsonAsync("/api/bookings", Booking("m-2", 10, 12), AdminHub.Json), HttpStatusCode.Conflict, null);
        Assert.Equal(
            $"Room 'salle-visio' at 'murat' is already booked from 2026-12-01T09:00:00.0000000+00:00 to 2026-12-01T11:00:00.0000000+00:00 (booking {first.Id}, member 'm-1').",
            problem.GetProperty("detail").GetString());

        // Back to back is fine, another room too, and moving the first booking does not collide with itself.
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostAsJsonAsync("/api/bookings", Booking("m-2", 11, 12), AdminHub.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostAsJsonAsync("/api/bookings", Booking("m-2", 10, 12) with { Zone = "salle-reunion" }, AdminHub.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync($"/api/bookings/{first.Id}", Booking("m-1", 8, 10), AdminHub.Json)).StatusCode);
        var endBeforeStart = await AssertProblem(await Admin.PostAsJsonAsync("/api/bookings", Booking("m-2", 15, 14), AdminHub.Json), HttpStatusCode.BadRequest, null);
        Assert.True(endBeforeStart.GetProperty("errors").TryGetProperty("end", out _));
        Assert.Equal(3, (await Admin.GetFromJsonAsync<BookingView[]>("/api/bookings?site=murat", AdminHub.Json))!.Length);
    }

    [Fact]
    public async Task Requests_without_a_valid_key_are_unauthorized()
    {
        using var anonymous = _hub.Client(null);
        using var wrong = _hub.Client("cck_not-a-key");

        await AssertProblem(await anonymous.GetAsync("/api/members"), HttpStatusCode.Unauthorized, "Send a valid API key in the 'X-Api-Key' header.");
        await AssertProblem(await wrong.GetAsync("/api/events"), HttpStatusCode.Unauthorized, null);
    }

    [Fact]
    public async Task Openapi_document_describes_the_admin_api()
    {
        using var anonymous = _hub.Client(null);
        var response = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/members", "/api/members/{id}", "/api/badges/{credential}/revoke", "/api/rights", "/api/leases", "/api/bookings", "/api/events", "/api/events/csv", "/api/sites/{site}/commands" })
        {
            Assert.True(paths.TryGetProperty(path, out _) || paths.TryGetProperty(path + "/", out _), $"{path} missing from the OpenAPI document");
        }
    }

    [Fact]
    public async Task Command_endpoint_publishes_an_expiring_command_to_the_site()
    {
        await using var gateway = await TestGateway.ConnectAsync(_hub.Hub.MqttPort, "murat", subscribeAcks: false);
        var received = new TaskCompletionSource<CommandEnvelope>(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == MqttTopics.Commands("murat"))
            {
                received.TrySetResult(JsonSerializer.Deserialize(e.ApplicationMessage.Payload.FirstSpan, ProtocolJsonContext.Default.CommandEnvelope)!);
            }

            return Task.CompletedTask;
        };
        await gateway.Client.SubscribeAsync(MqttTopics.Commands("murat"), MqttQualityOfServiceLevel.AtLeastOnce);

        var response = await Admin.PostAsJsonAsync("/api/sites/murat/commands", new CommandRequest { Name = "door.unlock-once", Door = "entree", TtlSeconds = 30 }, AdminHub.Json);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = await Read<CommandEnvelope>(response);
        var command = await received.Task.WaitAsync(TestGateway.Timeout);
        Assert.Equal(sent.Id, command.Id);
        Assert.Equal("entree", command.Arguments!.Door);
        Assert.Equal(TimeSpan.FromSeconds(30), command.ExpiresAt - command.IssuedAt);

        var unknown = await AssertProblem(await Admin.PostAsJsonAsync("/api/sites/murat/commands", new CommandRequest { Name = "door.explode" }, AdminHub.Json), HttpStatusCode.BadRequest, null);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("name", out _));
        var noOn = await AssertProblem(await Admin.PostAsJsonAsync("/api/sites/murat/commands", new CommandRequest { Name = "site.lockdown" }, AdminHub.Json), HttpStatusCode.BadRequest, null);
        Assert.True(noOn.GetProperty("errors").TryGetProperty("on", out _));
    }

    [Fact]
    public async Task Changes_are_pushed_as_deltas_and_a_retained_snapshot()
    {
        await using var gateway = await TestGateway.ConnectAsync(_hub.Hub.MqttPort, "murat", subscribeAcks: false);
        var envelopes = new List<CredentialsEnvelope>();
        var two = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Client.ApplicationMessageReceivedAsync += e =>
        {
            lock (envelopes)
            {
                envelopes.Add(JsonSerializer.Deserialize(e.ApplicationMessage.Payload.FirstSpan, ProtocolJsonContext.Default.CredentialsEnvelope)!);
                if (envelopes.Count(x => x.Kind == CredentialsEnvelopeKind.Snapshot && x.Version == 2) == 1)
                {
                    two.TrySetResult();
                }
            }

            return Task.CompletedTask;
        };
        await gateway.Client.SubscribeAsync(MqttTopics.Credentials("murat"), MqttQualityOfServiceLevel.AtLeastOnce);

        await _hub.CreateMemberAsync("m-1", "nfc:01020304", "murat");
        await two.Task.WaitAsync(TestGateway.Timeout);

        CredentialsEnvelope[] seen;
        lock (envelopes)
        {
            seen = [.. envelopes];
        }

        var deltas = seen.Where(e => e.Kind == CredentialsEnvelopeKind.Delta).ToArray();
        Assert.Equal([1L, 2L], deltas.Select(d => d.Version));
        Assert.Equal([0L, 1L], deltas.Select(d => d.BaseVersion!.Value));
        Assert.Equal("nfc:01020304", deltas[1].Payload!.Members.Single().Badges.Single().Credential);
        var snapshot = seen.Last(e => e.Kind == CredentialsEnvelopeKind.Snapshot);
        Assert.Equal("m-1", snapshot.Payload!.Members.Single().Id);

        // A gateway connecting later finds the snapshot retained.
        await using var late = await TestGateway.ConnectAsync(_hub.Hub.MqttPort, "murat", subscribeAcks: false);
        var retained = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        late.Client.ApplicationMessageReceivedAsync += e =>
        {
            retained.TrySetResult(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        await late.Client.SubscribeAsync(MqttTopics.Credentials("murat"), MqttQualityOfServiceLevel.AtLeastOnce);
        var message = await retained.Task.WaitAsync(TestGateway.Timeout);
        Assert.True(message.Retain);
        Assert.Equal(2, JsonSerializer.Deserialize(message.Payload.FirstSpan, ProtocolJsonContext.Default.CredentialsEnvelope)!.Version);
    }

    internal static BookingRequest Booking(string member, int fromHour, int toHour) => new()
    {
        MemberId = member,
        Site = "murat",
        Zone = "salle-visio",
        Start = new DateTimeOffset(2026, 12, 1, fromHour, 0, 0, TimeSpan.Zero),
        End = new DateTimeOffset(2026, 12, 1, toHour, 0, 0, TimeSpan.Zero),
    };

    internal static async Task<T> Read<T>(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, AdminHub.Json)!;
    }

    internal static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? detail)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (detail is not null)
        {
            Assert.Equal(detail, problem.GetProperty("detail").GetString());
        }

        return problem;
    }
}
