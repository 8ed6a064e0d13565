namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>The two variables a copier read asks for.</summary>
public static class CopierOids
{
    /// <summary>Printer-MIB prtMarkerLifeCount for marker 1 of device 1: pages printed over the device's life (Counter32).</summary>
    public static SnmpOid PageCounter { get; } = SnmpOid.Parse("1.3.6.1.2.1.43.10.2.1.4.1.1");

    /// <summary>HOST-RESOURCES-MIB hrPrinterStatus of device 1: 1 other, 2 unknown, 3 idle, 4 printing, 5 warmup.</summary>
    public static SnmpOid PrinterStatus { get; } = SnmpOid.Parse("1.3.6.1.2.1.25.3.5.1.1.1");
}
