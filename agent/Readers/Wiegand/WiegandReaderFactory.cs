using System.Device.Gpio;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Readers.Wiegand;

/// <summary>Builds <see cref="WiegandReader"/>s on the gateway's shared <see cref="GpioController"/>, one per Wiegand reader of the site file.</summary>
public sealed class WiegandReaderFactory(GpioController gpio, IOptions<WiegandTiming> timing, TimeProvider time, ILoggerFactory loggers)
{
    public WiegandReader Create(ReaderConfiguration reader, IBadgeReadSink sink) =>
        new(reader, gpio, sink, timing.Value, time, loggers.CreateLogger<WiegandReader>());
}
