using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Tests.Support.Pn532;
using Xunit.Abstractions;

namespace Cybercantal.Edge.Agent.Tests.Readers.Pn532;

/// <summary>The reader against the PN532 emulator over a real socat pty pair.</summary>
public sealed class Pn532ReaderSerialTests(ITestOutputHelper output)
{
    private static readonly byte[] FourByteUid = [0xA1, 0xB2, 0xC3, 0xD4];
    private static readonly byte[] SevenByteUid = [0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6];
    private static readonly byte[] OtherUid = [0x11, 0x22, 0x33, 0x44];

    [Fact]
    public void Tap_delivers_the_credential_after_the_initialization_sequence()
    {
        using var bench = new Pn532TestBench();
        bench.WaitUntil(() => bench.Reader.ConnectionCount == 1, "the reader to initialize the PN532");

        bench.Emulator.PresentCard(FourByteUid);
        bench.WaitUntil(() => bench.Sink.Reads.Count == 1, "one read");

        Assert.Equal(Credential.Parse("nfc:A1B2C3D4"), bench.Sink.Reads[0]);
        Assert.True(bench.Emulator.WakeUps >= 1, "no HSU wake-up sequence was sent");
        var commands = bench.Emulator.Commands;
        Assert.Equal([0x14, 0x01, 0x14, 0x00], commands[0]);       // SAMConfiguration normal mode, no IRQ
        Assert.Equal([0x02], commands[1]);                           // GetFirmwareVersion
        Assert.Equal([0x32, 0x05, 0xFF, 0x01, 0x01], commands[2]);   // RFConfiguration MaxRetries: passive activation retried once
        Assert.Equal([0x4A, 0x01, 0x00], commands[3]);               // InListPassiveTarget, 1 target, 106 kbps type A
        Assert.Equal(0, bench.Reader.FaultCount);
        Assert.Empty(bench.Sink.Faults);
    }

    [Fact]
    public void Seven_byte_uid_is_read_whole()
    {
        using var bench = new Pn532TestBench();
        bench.Emulator.PresentCard(SevenByteUid);
        bench.WaitUntil(() => bench.Sink.Reads.Count == 1, "one read");

        Assert.Equal(Credential.Parse("nfc:04A1B2C3D4E5F6"), bench.Sink.Reads[0]);
        Assert.Equal(7, bench.Sink.Reads[0].Length);
    }

    [Fact]
    public void Card_held_on_the_reader_is_reported_once()
    {
        using var bench = new Pn532TestBench();
        bench.Emulator.PresentCard(FourByteUid);
        bench.WaitUntil(() => bench.Sink.Reads.Count == 1, "one read");

        var polls = bench.Emulator.CardPolls;
        bench.WaitUntil(() => bench.Emulator.CardPolls >= polls + 15, "15 more polls with the card held");

        Assert.Single(bench.Sink.Reads);
    }

    [Fact]
    public void Card_removed_and_presented_again_is_reported_twice()
    {
        using var bench = new Pn532TestBench();
        bench.Emulator.PresentCard(FourByteUid);
        bench.WaitUntil(() => bench.Sink.Reads.Count == 1, "first tap");

        bench.Emulator.RemoveCard();
        var empty = bench.Emulator.EmptyPolls;
        bench.WaitUntil(() => bench.Emulator.EmptyPolls >= empty + 5, "the card to be seen gone");
        bench.Emulator.PresentCard(FourByteUid);
        bench.WaitUntil(() => bench.Sink.Reads.Count == 2, "second tap");

        Assert.All(bench.Sink.Reads, read => Assert.Equal(Credential.Parse("nfc:A1B2C3D4"), read));
    }

    [Fact]
    public void Card_swapped_without_an_empty_poll_is_reported()
    {
        using var bench = new Pn532TestBench();
        bench.Emulator.PresentCard(FourByteUid);
        bench.WaitUntil(() => bench.Sink.Reads.Count == 1, "first card");

        bench.Emulator.PresentCard(SevenByteUid);
        bench.WaitUntil(() => bench.Sink.Reads.Count == 2, "second card");

        Assert.Equal(Credential.Parse("nfc:04A1B2C3D4E5F6"), bench.Sink.Reads[1]);
    }

    [Fact]
    public void Malformed_and_checksum_broken_answers_are_faults_and_the_next_good_card_is_read()
    {
        using var bench = new Pn532TestBench();
        bench.WaitUntil(() => bench.Reader.ConnectionCount == 1, "initialization");
        bench.Emulator.InjectFaults(Pn532EmulatorFault.Malformed, 3);
        bench.Emulator.InjectFaults(Pn532EmulatorFault.BadChecksum, 3);
        bench.Emulator.PresentCard(SevenByteUid);

        bench.WaitUntil(() => bench.Sink.Reads.Count == 1, "the good card after the faults");

        Assert.Equal(6, bench.Emulator.SpoiledPolls);
        Assert.Equal(6, bench.Reader.FaultCount);
        Assert.Equal(Credential.Parse("nfc:04A1B2C3D4E5F6"), bench.Sink.Reads[0]);
        // Rate limited: one journaled fault and one log line for the burst, not six.
        var fault = Assert.Single(bench.Sink.Faults);
        Assert.Contains("length checksum", fault, StringComparison.Ordinal);
        Assert.Equal(1, bench.Logger.Count(1604));
        Assert.Equal(1, bench.Reader.ConnectionCount);
    }

    [Fact]
    public void Noise_is_counted_as_faults_without_crash_or_reconnect()
    {
        using var bench = new Pn532TestBench();
        bench.WaitUntil(() => bench.Reader.ConnectionCount == 1, "initialization");
        bench.Emulator.InjectFaults(Pn532EmulatorFault.Noise, 10);
        bench.WaitUntil(() => bench.Emulator.SpoiledPolls == 10, "ten noisy answers");
        bench.Emulator.PresentCard(OtherUid);

        bench.WaitUntil(() => bench.Sink.Reads.Count == 1, "the card after the noise");

        // Noise is not framed: two noisy answers can land in one exchange (one fault), and on a loaded machine a
        // noisy answer arriving after the response timeout spoils the next exchange too (input is discarded
        // before each command, but late bytes come after). Each noisy answer makes one or two faults at most.
        Assert.InRange(bench.Reader.FaultCount, 1, 20);
        Assert.Contains("stray bytes", Assert.Single(bench.Sink.Faults), StringComparison.Ordinal);
        Assert.Equal(1, bench.Reader.ConnectionCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void Empty_or_over_long_uid_is_a_fault_not_a_read(int uidLength)
    {
        using var bench = new Pn532TestBench();
        bench.Emulator.PresentCard(new byte[uidLength]);
        bench.WaitUntil(() => bench.Reader.FaultCount >= 3, "faults for the bad UID");

        bench.Emulator.PresentCard(FourByteUid);
        bench.WaitUntil(() => bench.Sink.Reads.Count == 1, "the good card");

        Assert.Equal(Credential.Parse("nfc:A1B2C3D4"), bench.Sink.Reads[0]);
        Assert.Contains("unusable UID", Assert.Single(bench.Sink.Faults), StringComparison.Ordinal);
    }

    [Fact]
    public void Silent_module_is_reopened_and_woken_up_again()
    {
        using var bench = new Pn532TestBench();
        bench.WaitUntil(() => bench.Reader.ConnectionCount == 1, "initialization");
        bench.Emulator.InjectFaults(Pn532EmulatorFault.Silence, 3);

        bench.WaitUntil(() => bench.Reader.ConnectionCount == 2, "re-initialization after 3 silent polls");
        bench.Emulator.PresentCard(FourByteUid);
        bench.WaitUntil(() => bench.Sink.Reads.Count == 1, "a read after the re-initialization");

        Assert.True(bench.Emulator.WakeUps >= 2, "the PN532 was not woken up again");
        Assert.Equal(1, bench.Logger.Count(1601));
        Assert.Equal(1, bench.Logger.Count(1603));
    }

    [Fact]
    public void Unplugged_port_is_reopened_with_back_off_and_reads_resume()
    {
        using var bench = new Pn532TestBench();
        bench.Emulator.PresentCard(FourByteUid);
        bench.WaitUntil(() => bench.Sink.Reads.Count == 1, "first read");

        bench.Unplug();
        bench.WaitUntil(() => bench.Logger.Count(1602) >= 3, "several failed reopen attempts");
        bench.Replug();
        bench.Emulator.PresentCard(OtherUid);

        bench.WaitUntil(() => bench.Sink.Reads.Count == 2, "a read after the device came back");
        Assert.Equal(Credential.Parse("nfc:11223344"), bench.Sink.Reads[1]);
        Assert.Equal(2, bench.Reader.ConnectionCount);
        // One warning, one journaled fault for the whole outage; one line when it is back.
        Assert.Equal(1, bench.Logger.Count(1601));
        Assert.Single(bench.Sink.Faults, fault => fault.Contains("unavailable", StringComparison.Ordinal));
        Assert.Equal(1, bench.Logger.Count(1603));
        foreach (var entry in bench.Logger.Entries.Where(entry => entry.EventId is 1601 or 1602 or 1603))
        {
            output.WriteLine($"{entry.EventId} {entry.Level}: {entry.Message}");
        }
    }
}
