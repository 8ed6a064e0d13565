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
        // The binding's own serial init is not reliable (it reads the 6-byte ACK with one SerialPort.Read that may
        // return fewer bytes): it throws "Can't find a PN532" now and then, leaking its open port. Hence the retries.
        using var binding = CreateBinding(pair.AgentPath, out var failedAttempts);
        output.WriteLine($"Binding constructor failures before success: {failedAttempts}");

        var init = emulator.Commands.Skip(emulator.Commands.Count - 4).Select(command => Convert.ToHexString(command)).ToList();
        output.WriteLine("Binding init commands: " + string.Join(" ", init));
        // Wake-up bytes + SAMConfiguration, SAMConfiguration again, GetFirmwareVersion, SetParameters(AutomaticATR_RES | AutomaticRATS).
        Assert.Equal(["14011700", "14011700", "02", "1214"], init);
        Assert.Equal(0x32, binding.FirmwareVersion!.IdentificationCode);

        var empty = binding.ListPassiveTarget(MaxTarget.One, TargetBaudRate.B106kbpsTypeA);

        emulator.PresentCard(0xA1, 0xB2, 0xC3, 0xD4);
        emulator.InjectFaults(Pn532EmulatorFault.BadChecksum, 1);
        var broken = binding.ListPassiveTarget(MaxTarget.One, TargetBaudRate.B106kbpsTypeA);
        byte[]? good = null;
        for (var attempt = 0; attempt < 5 && good is null; attempt++)
        {
            good = binding.ListPassiveTarget(MaxTarget.One, TargetBaudRate.B106kbpsTypeA);
        }

        Assert.Null(empty);
        Assert.Null(broken);
        Assert.NotNull(good);
        Assert.Equal([0xA1, 0xB2, 0xC3, 0xD4], binding.TryDecode106kbpsTypeA(good.AsSpan(1))!.NfcId);
    }

    private static Iot.Device.Pn532.Pn532 CreateBinding(string path, out int failedAttempts)
    {
        for (failedAttempts = 0; ; failedAttempts++)
        {
            try
            {
                return new Iot.Device.Pn532.Pn532(path);
            }
            catch (Exception ex) when (failedAttempts < 5 && ex.Message.Contains("PN532", StringComparison.Ordinal))
            {
            }
        }
    }
}
