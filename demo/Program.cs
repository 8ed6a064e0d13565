using System.Runtime.InteropServices;
using Cybercantal.Edge.Demo;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops in order (traffic, agents with their doors locked, hub); a second one ends the process.
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

return await DemoCommandLine.RunAsync(args, Console.Out, Console.Error, stop.Token);
