using System.Runtime.InteropServices;
using Cybercantal.Edge.Demo;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop in order (traffic, agents with their doors locked, hub) instead of dying mid-write.
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

return await DemoCommandLine.RunAsync(args, Console.Out, Console.Error, stop.Token);
