namespace Cybercantal.Edge.Agent.Simulation;

/// <summary>The terminal the simulation console talks to: the process's standard streams, or a test's.</summary>
public sealed class SimulationTerminal(TextReader input, TextWriter output)
{
    public static SimulationTerminal Standard() => new(Console.In, Console.Out);

    // A console read cannot be cancelled; reading on the pool and abandoning it lets shutdown proceed at once.
    public Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(cancellationToken);

    public void WriteLine(string text)
    {
        output.WriteLine(text);
        output.Flush();
    }
}
