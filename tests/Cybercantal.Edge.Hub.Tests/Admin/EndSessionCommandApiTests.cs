using System.Net;
using System.Net.Http.Json;
using Cybercantal.Edge.Hub.Commands;
using Cybercantal.Edge.Hub.Tests.Support;
using Cybercantal.Edge.Protocol.Commands;

namespace Cybercantal.Edge.Hub.Tests.Admin;

public sealed class EndSessionCommandApiTests : IAsyncLifetime
{
    private AdminHub _hub = null!;

    public async Task InitializeAsync() => _hub = await AdminHub.StartAsync("murat");

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Theory]
    [InlineData("pc", "pc-os-01")]
    [InlineData("copier", "copieur")]
    [InlineData("room", "salle-visio")]
    public async Task End_session_names_one_pc_copier_or_room(string kind, string id)
    {
        var request = kind switch
        {
            "pc" => new CommandRequest { Name = CommandNames.EndSession, Pc = id },
            "copier" => new CommandRequest { Name = CommandNames.EndSession, Copier = id },
            _ => new CommandRequest { Name = CommandNames.EndSession, Room = id },
        };

        var response = await _hub.Admin.PostAsJsonAsync("/api/sites/murat/commands", request, AdminHub.Json);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = await AdminApiTests.Read<CommandEnvelope>(response);
        Assert.Equal(CommandNames.EndSession, sent.Name);
        Assert.Equal(id, kind switch { "pc" => sent.Arguments!.Pc, "copier" => sent.Arguments!.Copier, _ => sent.Arguments!.Room });
    }

    [Fact]
    public async Task End_session_without_or_with_two_targets_or_a_bad_id_is_refused()
    {
        foreach (var request in new[]
        {
            new CommandRequest { Name = CommandNames.EndSession },
            new CommandRequest { Name = CommandNames.EndSession, Pc = "pc-os-01", Room = "salle-visio" },
        })
        {
            var problem = await AdminApiTests.AssertProblem(await _hub.Admin.PostAsJsonAsync("/api/sites/murat/commands", request, AdminHub.Json), HttpStatusCode.BadRequest, null);
            Assert.True(problem.GetProperty("errors").TryGetProperty("pc", out _));
        }

        var badId = await AdminApiTests.AssertProblem(
            await _hub.Admin.PostAsJsonAsync("/api/sites/murat/commands", new CommandRequest { Name = CommandNames.EndSession, Copier = "bad id;" }, AdminHub.Json),
            HttpStatusCode.BadRequest, null);
        Assert.True(badId.GetProperty("errors").TryGetProperty("copier", out _));
    }
}
