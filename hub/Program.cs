using Cybercantal.Edge.Hub.Cli;
using Cybercantal.Edge.Hub.Hosting;

if (HubCommandLine.IsCommand(args))
{
    return HubCommandLine.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddHub();
var app = builder.Build();
app.MapHubApi();
await app.RunAsync();
return 0;
