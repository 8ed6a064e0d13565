using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>Builds a <see cref="Pn532Reader"/> for each PN532 entry of the site file, sharing sink, clock and options.</summary>
public sealed class Pn532ReaderFactory(IBadgeReadSink sink, TimeProvider timeProvider, ILoggerFactory loggerFactory, IOptions<Pn532ReaderOptions> options)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the reader when it is not a PN532 or has no device path.</summary>
    public Pn532Reader Create(ReaderConfiguration reader) =>
        new(reader, sink, timeProvider, loggerFactory.CreateLogger<Pn532Reader>(), options.Value);
}
