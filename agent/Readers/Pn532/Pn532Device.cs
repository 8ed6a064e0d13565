using System.Globalization;
using Cybercantal.Edge.Agent.Access;
using Iot.Device.Pn532;
using Iot.Device.Pn532.ListPassive;
using Iot.Device.Pn532.RfConfiguration;

namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>
/// A PN532 in HSU mode on an open port: wakes it up, configures it and polls for one ISO 14443-A target.
/// Command codes and parameter encodings come from Iot.Device.Pn532; the framing is ours because the
/// binding's serial path cannot tell a garbled answer from an empty field (see docs/readers.md, PN532).
/// </summary>
internal sealed class Pn532Device(IPn532Port port, TimeProvider timeProvider, TimeSpan responseTimeout)
{
    /// <summary>PN532 integrated-circuit code answered by GetFirmwareVersion.</summary>
    public const byte Pn532IcCode = 0x32;

    /// <summary>HSU wake-up: 0x55 then enough idle bytes for the oscillator to start (user manual §7.2.11, binding uses the same).</summary>
    private static ReadOnlySpan<byte> WakeUpPrefix =>
    [
        0x55, 0x55, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    private readonly Pn532Transport _transport = new(port, timeProvider, responseTimeout);
    private readonly byte[] _response = new byte[255];

    /// <summary>
    /// Wake-up + SAMConfiguration (normal mode, no IRQ), GetFirmwareVersion (must be a PN532), then
    /// RFConfiguration MaxRetries so InListPassiveTarget returns at once on an empty field instead of waiting forever.
    /// Returns null when ready, else what failed.
    /// </summary>
    public string? Initialize(out FirmwareVersion? firmware)
    {
        firmware = null;
        ReadOnlySpan<byte> sam = [0x01, 0x14, 0x00];
        var exchange = _transport.Exchange(Pn532Command.SamConfiguration, sam, _response, WakeUpPrefix);
        if (exchange.Status != Pn532ExchangeStatus.Ok)
        {
            return "wake-up/SAMConfiguration failed: " + exchange.Fault;
        }

        exchange = _transport.Exchange(Pn532Command.GetFirmwareVersion, [], _response);
        if (exchange.Status != Pn532ExchangeStatus.Ok)
        {
            return "GetFirmwareVersion failed: " + exchange.Fault;
        }

        if (exchange.Length != 4 || _response[0] != Pn532IcCode)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"not a PN532: GetFirmwareVersion answered {Convert.ToHexString(_response, 0, exchange.Length)} (IC 0x32 expected)");
        }

        firmware = new FirmwareVersion(_response[0], new Version(_response[1], _response[2]), (VersionSupported)(_response[3] & 0b111));

        // One retry (two tries) of passive activation: an empty field answers NbTg = 0 within a few milliseconds.
        var retries = new MaxRetriesMode { MaxRetryAnswerToReset = 0xFF, MaxRetryPSL = 0x01, MaxRetryPassiveActivation = 0x01 }.Serialize();
        Span<byte> rfConfiguration = [(byte)RfConfigurationMode.MaxRetries, retries[0], retries[1], retries[2]];
        exchange = _transport.Exchange(Pn532Command.RfConfiguration, rfConfiguration, _response);
        return exchange.Status == Pn532ExchangeStatus.Ok ? null : "RFConfiguration (MaxRetries) failed: " + exchange.Fault;
    }

    /// <summary>InListPassiveTarget, MaxTg 1 at 106 kbps type A; extracts the NFCID of the target found.</summary>
    public Pn532PollResult Poll()
    {
        ReadOnlySpan<byte> parameters = [(byte)MaxTarget.One, (byte)TargetBaudRate.B106kbpsTypeA];
        var exchange = _transport.Exchange(Pn532Command.InListPassiveTarget, parameters, _response);
        switch (exchange.Status)
        {
            case Pn532ExchangeStatus.Silent:
                return new Pn532PollResult(Pn532PollStatus.Silent, default, exchange.Fault);
            case Pn532ExchangeStatus.Fault:
                return new Pn532PollResult(Pn532PollStatus.Fault, default, exchange.Fault);
        }

        return ParseTargets(_response.AsSpan(0, exchange.Length));
    }

    /// <summary>Response data: NbTg, then Tg, SENS_RES (2), SEL_RES, NFCIDLength, NFCID (, ATS) for type A.</summary>
    internal static Pn532PollResult ParseTargets(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return Fault("InListPassiveTarget: empty response");
        }

        if (data[0] == 0)
        {
            return new Pn532PollResult(Pn532PollStatus.NoCard, default, null);
        }

        if (data.Length < 6)
        {
            return Fault(string.Create(CultureInfo.InvariantCulture, $"InListPassiveTarget: target data cut at {data.Length} bytes"));
        }

        var uidLength = data[5];
        if (6 + uidLength > data.Length)
        {
            return Fault(string.Create(CultureInfo.InvariantCulture, $"InListPassiveTarget: NFCIDLength {uidLength} but only {data.Length - 6} bytes follow"));
        }

        var uid = data.Slice(6, uidLength);
        return Credential.TryFromUid(uid, out var credential)
            ? new Pn532PollResult(Pn532PollStatus.Card, credential, null)
            : Fault(string.Create(CultureInfo.InvariantCulture, $"InListPassiveTarget: unusable UID of {uidLength} bytes (1 to {Credential.MaxUidLength} expected)"));
    }

    private static Pn532PollResult Fault(string fault) => new(Pn532PollStatus.Fault, default, fault);
}
