using Cybercantal.Edge.Agent.Tests.Support.Pn532;
using Iot.Device.Pn532.ListPassive;
using Xunit.Abstractions;

namespace Cybercantal.Edge.Agent.Tests.Readers.Pn532;

/// <summary>
/// Pins down what Iot.Device.Pn532 4.2.0 does on a serial port, which is why the reader frames HSU itself
/// (docs/readers.md, PN532). If a binding upgrade changes these facts, this test says so.
/// </summary>
public sealed class Pn532BindingObservationTests(ITestOutputHelper output)
{
    [Fact]
    public void Binding_initializes_but_returns_null_for_both_an_empty_field_and_a_broken_answer()
    {
        using var pair = SocatPtyPair.Start();
        using var emulator = new Pn532Emulator(pair.CardPath);
        using var binding = new Iot.Device.Pn532.Pn532(pair.AgentPath);

        var init = emulator.Commands.Select(command => Convert.ToHexString(command)).ToList();
        output.WriteLine("Binding init commands: " + string.Join(" ", init));
        // Wake-up bytes + SAMConfiguration, SAMConfiguration again, GetFirmwareVersion, SetParameters(AutomaticATR_RES | AutomaticRATS).
        Assert.Equal(["14011700", "14011700", "02", "1214"], init);
        Assert.Equal(0x32, binding.FirmwareVersion!.IdentificationCode);

        var empty = binding.ListPassiveTarget(MaxTarget.One, TargetBaudRate.B106kbpsTypeA);

        emulator.PresentCard(0xA1, 0xB2, 0xC3, 0xD4);
        emulator.InjectFaults(Pn532EmulatorFault.BadChecksum, 1);
        var broken = binding.ListPassiveTarget(MaxTarget.One, TargetBaudRate.B106kbpsTypeA);
        var good = binding.ListPassiveTarget(MaxTarget.One, TargetBaudRate.B106kbpsTypeA);

        Assert.Null(empty);
        Assert.Null(broken);
        Assert.NotNull(good);
        Assert.Equal([0xA1, 0xB2, 0xC3, 0xD4], binding.TryDecode106kbpsTypeA(good.AsSpan(1))!.NfcId);
    }
}
