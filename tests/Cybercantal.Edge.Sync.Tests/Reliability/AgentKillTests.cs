using System.Diagnostics;
using Cybercantal.Edge.Sync.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Sync.Tests.Reliability;

/// <summary>
/// The real agent outbox in a child process (<c>cybercantal-agent sync-stress</c>) on a real journal file,
/// SIGKILLed at random points while it appends and flushes, 20 times: the hub ends with every record once.
/// </summary>
public sealed class AgentKillTests : IDisposable
{
    private const string Site = "killed";
    private const int Kills = 20;
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [InlineData(BrokerKind.Mosquitto)]
    public async Task An_agent_killed_during_flushes_loses_and_duplicates_nothing_at_the_hub(BrokerKind kind)
    {
        await using var hub = new HubUnderTest(kind, _dir.File("hub.db"));
        await hub.StartHubAsync();
        var credentialFile = SyncGateway.WriteCredentialFile(_dir.Path);
        var journal = _dir.File("journal.db");
        var random = new Random(20261126);
        var acked = new List<long>();
        for (var kill = 0; kill < Kills; kill++)
        {
            using var child = Child.Start(journal, hub.BrokerUri, credentialFile, append: 400);
            await child.Ready.WaitAsync(TimeSpan.FromSeconds(30));
            if (kill % 2 == 1)
            {
                // Every other kill lands after the hub acknowledged something, whatever the machine's load:
                // the kills then hit both the first flush and later ones.
                await Waiting.UntilAsync(() => child.LastAcked > 0, TimeSpan.FromSeconds(30), () => "no ack reached the child");
            }

            await Task.Delay(random.Next(50, 450)); // A random point during the appends and flushes.
            child.Kill();
            await child.Exited.WaitAsync(TimeSpan.FromSeconds(10));
            acked.Add(child.LastAcked);
        }

        // A last run without a kill drains whatever is left.
        using (var last = Child.Start(journal, hub.BrokerUri, credentialFile, append: 0))
        {
            await last.Done.WaitAsync(TimeSpan.FromSeconds(60));
        }

        var total = LastJournalSequence(journal);
        Assert.True(total > Kills * 100, $"only {total} records journaled");
        Assert.Contains(acked, a => a > 0);
        Assert.Equal(Enumerable.Range(1, (int)total).Select(i => (long)i), StoreQueries.Sequences(hub.StorePath, Site));
    }

    public void Dispose() => _dir.Dispose();

    private static long LastJournalSequence(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM journal";
        return (long)command.ExecuteScalar()!;
    }

    private sealed class Child : IDisposable
    {
        private readonly Process _process;
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<string> _stderr = [];
        private long _lastAcked;

        private Child(Process process) => _process = process;

        public Task Ready => _ready.Task;

        public Task Done => _done.Task;

        public Task Exited => _exited.Task;

        public long LastAcked => Interlocked.Read(ref _lastAcked);

        public static Child Start(string journal, Uri broker, string credentialFile, int append)
        {
            var agent = AgentBuildOutput.AgentDll();
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                agent, "sync-stress", "--db", journal, "--site", Site, "--broker", broker.ToString(), "--credential-file", credentialFile,
                "--append", append.ToString(System.Globalization.CultureInfo.InvariantCulture), "--rate", "2000",
            })
            {
                start.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            var child = new Child(process);
            process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (child._stderr)
                    {
                        child._stderr.Add(e.Data);
                    }
                }
            };
            Assert.True(process.Start());
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return child;
        }

        /// <summary>SIGKILL: no shutdown code runs, as on a power cut.</summary>
        public void Kill()
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                string errors;
                lock (_stderr)
                {
                    errors = string.Join('\n', _stderr);
                }

                var failure = new InvalidOperationException("sync-stress ended early: " + errors);
                _ready.TrySetException(failure);
                _done.TrySetException(failure);
                _exited.TrySetResult();
                return;
            }

            if (line.StartsWith("ready", StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }
            else if (line.StartsWith("acked ", StringComparison.Ordinal))
            {
                Interlocked.Exchange(ref _lastAcked, long.Parse(line.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (line.StartsWith("done", StringComparison.Ordinal))
            {
                _done.TrySetResult();
            }
        }
    }
}
