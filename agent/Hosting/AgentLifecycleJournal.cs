using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Hosting;

namespace Cybercantal.Edge.Agent.Hosting;

/// <summary>
/// Journals the agent's start and stop. Registered first, so it starts before the doors and stops after
/// them: the journal shows the whole life of the doors between the two records.
/// </summary>
public sealed class AgentLifecycleJournal(IJournal journal, AgentRunSettings settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        journal.Append(new JournalEntry(JournalRecordKind.AgentStarted) { Detail = settings.Simulate ? "simulated" : "gpio" });
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var sequence = journal.Append(new JournalEntry(JournalRecordKind.AgentStopped));
        await journal.WaitDurableAsync(sequence, cancellationToken).ConfigureAwait(false);
    }
}
