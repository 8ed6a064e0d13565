namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>How one command/response exchange with the PN532 ended.</summary>
internal enum Pn532ExchangeStatus
{
    /// <summary>ACK then a well-formed response to the command.</summary>
    Ok,

    /// <summary>Not a single byte came back in time: the module is unplugged, unpowered or asleep.</summary>
    Silent,

    /// <summary>Bytes came back but not a valid ACK + response (noise, bad checksum, wrong frame).</summary>
    Fault,
}
