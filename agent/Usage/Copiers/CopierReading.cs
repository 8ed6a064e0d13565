namespace Cybercantal.Edge.Agent.Usage.Copiers;

/// <summary>
/// One read of a copier's counters. <see cref="PageCount"/> is null when the copier did not answer usably
/// (timeout, garbage, noSuchName): the session is then unmeasured, never zero pages.
/// </summary>
/// <param name="PageCount">Printer-MIB prtMarkerLifeCount (1.3.6.1.2.1.43.10.2.1.4.1.1), a Counter32.</param>
/// <param name="PrinterStatus">HOST-RESOURCES-MIB hrPrinterStatus (1.3.6.1.2.1.25.3.5.1.1.1): 1 other, 2 unknown, 3 idle, 4 printing, 5 warmup.</param>
/// <param name="Error">Why the read failed, for the log and the journal; null on success.</param>
public readonly record struct CopierReading(long? PageCount, int? PrinterStatus, string? Error)
{
    public bool Answered => PageCount is not null;
}
