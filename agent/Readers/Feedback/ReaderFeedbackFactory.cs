using System.Device.Gpio;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Readers.Feedback;

/// <summary>Builds the <see cref="ReaderFeedback"/> of a reader on the gateway's shared <see cref="GpioController"/>.</summary>
public sealed class ReaderFeedbackFactory(GpioController gpio, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>The feedback outputs of <paramref name="reader"/>, or null when it has none (PC/SC readers beep by themselves). The caller disposes it.</summary>
    public ReaderFeedback? Create(ReaderConfiguration reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.Feedback is { } feedback
            ? new ReaderFeedback(reader.Id, feedback, gpio, time, loggers.CreateLogger<ReaderFeedback>())
            : null;
    }
}
