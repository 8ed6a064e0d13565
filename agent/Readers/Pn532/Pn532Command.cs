namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>PN532 command codes we send (user manual §7); Iot.Device.Pn532 keeps its CommandSet enum internal.</summary>
internal static class Pn532Command
{
    public const byte GetFirmwareVersion = 0x02;
    public const byte SamConfiguration = 0x14;
    public const byte RfConfiguration = 0x32;
    public const byte InListPassiveTarget = 0x4A;
}
