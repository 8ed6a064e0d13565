using System.Text;

namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>
/// Reads one reader's cards on its own thread and its own pcscd context, so a card that never answers (SCardTransmit
/// blocks: pcsc-lite has no transmit timeout and SCardCancel only interrupts SCardGetStatusChange) stalls only this
/// worker. The owner abandons a stuck worker and starts a new one; the stuck thread releases its context and exits
/// once the native call finally returns (typically when the card is taken away).
/// </summary>
internal sealed class PcscReadWorker
{
    private readonly object _gate = new();
    private readonly byte[] _readerName;
    private readonly byte[] _response = new byte[PcscUidResponse.MaxResponseLength];
    private TaskCompletionSource<PcscReadOutcome>? _pending;
    private bool _abandoned;
    private PcscContextHandle? _context;
    private volatile bool _finished;

    public PcscReadWorker(string readerName)
    {
        _readerName = Encoding.UTF8.GetBytes(readerName + "\0");
        var thread = new Thread(Run) { IsBackground = true, Name = "pcsc-read " + readerName };
        thread.Start();
    }

    /// <summary>True once the thread has exited (an abandoned worker whose native call finally returned).</summary>
    public bool IsFinished => _finished;

    /// <summary>Starts a read; only one at a time (the owner awaits each before asking again).</summary>
    public Task<PcscReadOutcome> ReadAsync()
    {
        var completion = new TaskCompletionSource<PcscReadOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pending = completion;
            Monitor.Pulse(_gate);
        }

        return completion.Task;
    }

    /// <summary>Stops the worker once its current native call returns; any result it yields is dropped.</summary>
    public void Abandon()
    {
        lock (_gate)
        {
            _abandoned = true;
            Monitor.Pulse(_gate);
        }
    }

    private void Run()
    {
        try
        {
            // Connect to pcscd before the first tap rather than during it: a tap should only pay for the card exchange.
            if (PcscClient.Establish(out var context) == PcscResult.Success)
            {
                _context = context;
            }

            while (true)
            {
                TaskCompletionSource<PcscReadOutcome> completion;
                lock (_gate)
                {
                    while (_pending is null && !_abandoned)
                    {
                        Monitor.Wait(_gate);
                    }

                    if (_abandoned)
                    {
                        _pending?.TrySetCanceled();
                        return;
                    }

                    completion = _pending!;
                    _pending = null;
                }

                PcscReadOutcome outcome;
                try
                {
                    outcome = ReadOnce();
                }
                catch (Exception exception)
                {
                    outcome = new PcscReadOutcome(PcscResult.InternalError, default, "read failed: " + exception.Message);
                }

                completion.TrySetResult(outcome);
            }
        }
        finally
        {
            _context?.Dispose();
            _finished = true;
        }
    }

    private PcscReadOutcome ReadOnce()
    {
        for (var attempt = 0; ; attempt++)
        {
            if (_context is null)
            {
                var established = PcscClient.Establish(out var context);
                if (established != PcscResult.Success)
                {
                    return new PcscReadOutcome(established, default, null);
                }

                _context = context;
            }

            var result = PcscClient.TransmitGetUid(_context, _readerName, _response, out var length);
            if (result is PcscResult.InvalidHandle or PcscResult.NoService or PcscResult.ServiceStopped or PcscResult.CommError
                && attempt == 0)
            {
                // pcscd restarted since this context was made: the monitor already has a fresh one, so do likewise once.
                _context.Dispose();
                _context = null;
                continue;
            }

            if (result != PcscResult.Success)
            {
                return new PcscReadOutcome(result, default, null);
            }

            var fault = PcscUidResponse.TryParse(_response.AsSpan(0, length), out var credential);
            return new PcscReadOutcome(result, credential, fault);
        }
    }
}
