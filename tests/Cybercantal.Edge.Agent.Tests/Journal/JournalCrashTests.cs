using System.Diagnostics;
using System.Globalization;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Cybercantal.Edge.Agent.Tests.Journal;

/// <summary>
/// Kills a real agent process (SIGKILL) while it appends, again and again on the same file, and checks that
/// every sequence it reported durable survived, that the table stays 1..max without gap, and that records are intact.
/// </summary>
public sealed class JournalCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 12;
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task EverySequenceReportedDurableSurvivesRepeatedSigkill()
    {
        var path = _directory.File("journal.db");
        var random = new Random(20260302);
        long maxReportedDurable = 0;
        var reportedLines = 0;
        for (var run = 0; run < Kills; run++)
        {
            using var child = StressChild.Start(path);
            try
            {
                var recovered = await child.Ready.WaitAsync(Guard);

                // Everything ever reported durable by earlier (killed) runs must be there after restart.
                Assert.True(recovered >= maxReportedDurable, $"run {run}: reopened at {recovered}, but {maxReportedDurable} was reported durable");

                // The kill moment is the experiment itself, hence a real delay.
                await Task.Delay(random.Next(100, 601));
            }
            finally
            {
                child.Kill();
            }

            await child.Exited.WaitAsync(Guard);
            reportedLines += child.DurableReports.Count;
            if (child.DurableReports.Count > 0)
            {
                maxReportedDurable = Math.Max(maxReportedDurable, child.DurableReports.Max());
            }

            output.WriteLine($"run {run}: recovered {await child.Ready}, last reported durable {(child.DurableReports.Count > 0 ? child.DurableReports.Max() : 0)}");
        }

        Assert.True(reportedLines >= Kills, $"the child reported durability only {reportedLines} times: the test proves little");
        var stats = Verify(path);
        output.WriteLine($"table 1..{stats.Max}, {stats.Count} rows, {reportedLines} durable reports, max reported {maxReportedDurable}");
        Assert.True(stats.Max >= maxReportedDurable);

        // A clean open continues right after the last stored record.
        var options = Options.Create(new JournalOptions { DatabasePath = path });
        await using var journal = new SqliteJournal(options, TimeProvider.System);
        Assert.Equal(stats.Max + 1, journal.Append(JournalStressCommand.ExpectedEntry(stats.Max + 1)));
    }

    private static (long Count, long Max) Verify(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", command.ExecuteScalar());
        command.CommandText = "SELECT count(*), coalesce(min(seq), 0), coalesce(max(seq), 0), count(DISTINCT seq) FROM journal;";
        long count, min, max, distinct;
        using (var reader = command.ExecuteReader())
        {
            Assert.True(reader.Read());
            (count, min, max, distinct) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        Assert.True(max > 0, "nothing was journaled");
        Assert.Equal(1, min);
        Assert.Equal(max, count);
        Assert.Equal(count, distinct);

        var options = Options.Create(new JournalOptions { DatabasePath = path, QuickCheckOnOpen = false });
        using var journal = new SqliteJournal(options, TimeProvider.System);
        var next = 0L;
        while (true)
        {
            var page = journal.ReadAfter(next, 5000);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var record in page)
            {
                Assert.Equal(next + 1, record.Sequence);
                var expected = JournalStressCommand.ExpectedEntry(record.Sequence);
                if (expected != record.ToEntry())
                {
                    Assert.Fail($"record {record.Sequence} is not intact: {record}");
                }

                next = record.Sequence;
            }
        }

        Assert.Equal(max, next);
        return (count, max);
    }

    /// <summary>One <c>cybercantal-agent journal-stress</c> process and what it printed.</summary>
    private sealed class StressChild : IDisposable
    {
        private readonly Process _process;
        private readonly TaskCompletionSource<long> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<long> _durable = [];
        private readonly List<string> _stderr = [];

        private StressChild(Process process) => _process = process;

        public Task<long> Ready => _ready.Task;

        public Task Exited => _exited.Task;

        public IReadOnlyList<long> DurableReports
        {
            get
            {
                lock (_durable)
                {
                    return [.. _durable];
                }
            }
        }

        public static StressChild Start(string databasePath)
        {
            var agent = Path.Combine(AppContext.BaseDirectory, "cybercantal-agent.dll");
            Assert.True(File.Exists(agent), $"{agent} is missing from the test output");
            Assert.True(File.Exists(Path.ChangeExtension(agent, ".runtimeconfig.json")), "the agent's runtimeconfig.json is missing from the test output");
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { agent, "journal-stress", "--db", databasePath })
            {
                start.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            var child = new StressChild(process);
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

        public void Dispose() => _process.Dispose();

        public void Kill()
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited: the Ready assertion reports why.
            }
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                // End of stdout: the process is gone and every line it managed to print has been read.
                string errors;
                lock (_stderr)
                {
                    errors = string.Join(Environment.NewLine, _stderr);
                }

                _ready.TrySetException(new InvalidOperationException("journal-stress exited before it was ready; stderr:" + Environment.NewLine + errors));
                _exited.TrySetResult();
                return;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0 || !long.TryParse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return;
            }

            if (line.StartsWith("ready ", StringComparison.Ordinal))
            {
                _ready.TrySetResult(value);
            }
            else if (line.StartsWith("durable ", StringComparison.Ordinal))
            {
                lock (_durable)
                {
                    _durable.Add(value);
                }
            }
        }
    }
}
