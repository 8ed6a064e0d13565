using Cybercantal.Edge.Agent.Tests.Support;
using System.Device.Gpio;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Readers.Wiegand;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Readers.Wiegand;

public sealed class WiegandReaderTests : IDisposable
{
    private const int D0 = 5;
    private const int D1 = 6;
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(25);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 8, 30, 0, TimeSpan.FromHours(1)));
    private readonly SimulatedGpioDriver _driver;
    private readonly GpioController _gpio;
    private readonly RecordingBadgeReadSink _sink = new();
    private readonly RecordingLogger<WiegandReader> _logger = new();
    private readonly WiegandTransmitter _card;
    private readonly CancellationTokenSource _stop = new();

    public WiegandReaderTests()
    {
        _driver = new SimulatedGpioDriver(_time);
        _gpio = new GpioController(_driver);
        _card = new WiegandTransmitter(_driver, _time, D0, D1);
        _card.Idle();
    }

    public void Dispose()
    {
        _stop.Dispose();
        _gpio.Dispose();
    }

    [Theory]
    [InlineData("wiegand26:123:45678")]
    [InlineData("wiegand26:0:1")]
    [InlineData("wiegand34:1200:45678")]
    [InlineData("wiegand37:1200:345678")]
    [InlineData("wiegand37:65535:524287")]
    public async Task A_badge_is_delivered_once_after_the_gap_with_the_time_of_its_last_bit(string text)
    {
        var run = Start();
        var credential = Credential.Parse(text);
        var bits = WiegandCodec.Encode(credential);

        _card.Send(bits);
        var lastEdge = _time.GetTimestamp() - _card.BitInterval.Ticks;
        Assert.Empty(_sink.Reads);
        _card.Wait(Gap);

        var read = Assert.Single(_sink.Reads);
        Assert.Equal(credential, read.Credential);
        Assert.Equal(lastEdge, read.Timestamp);
        Assert.Empty(_sink.Faults);
        await StopAsync(run);
    }

    [Fact]
    public async Task Frames_back_to_back_separated_by_the_gap_are_two_reads_in_order()
    {
        var run = Start();
        var first = Credential.Parse("wiegand26:123:45678");
        var second = Credential.Parse("wiegand37:1200:345678");

        _card.Send(WiegandCodec.Encode(first));
        _card.Wait(Gap - _card.BitInterval);
        _card.Send(WiegandCodec.Encode(second));
        _card.Wait(Gap);

        Assert.Equal([first, second], _sink.Reads.Select(r => r.Credential));
        await StopAsync(run);
    }

    [Theory]
    [InlineData(25)]
    [InlineData(27)]
    [InlineData(33)]
    [InlineData(35)]
    [InlineData(36)]
    [InlineData(38)]
    public async Task A_frame_of_an_unsupported_length_is_one_fault(int count)
    {
        var run = Start();

        _card.Send(new WiegandBits(0x0AAA_AAAA_AAAAUL & ((1UL << count) - 1), count));
        _card.Wait(Gap);

        var fault = Assert.Single(_sink.Faults);
        Assert.Contains($"{count}-bit", fault, StringComparison.Ordinal);
        Assert.Empty(_sink.Reads);
        await StopAsync(run);
    }

    [Fact]
    public async Task Each_bad_frame_is_a_fault_but_a_burst_of_them_is_one_log_line()
    {
        var run = Start();
        var good = WiegandCodec.Encode(Credential.Parse("wiegand26:123:45678"));

        for (var i = 0; i < 20; i++)
        {
            _card.Send(good.WithBitFlipped(i));
            _card.Wait(Gap);
        }

        Assert.Equal(20, _sink.Faults.Count);
        Assert.All(_sink.Faults, f => Assert.Contains("parity", f, StringComparison.Ordinal));
        Assert.Single(_logger.Entries, l => l.EventId == 1654);

        // After a quiet period the next burst logs again, with the count of what was not logged.
        _card.Wait(TimeSpan.FromSeconds(11));
        _card.Send(good.WithBitFlipped(3));
        _card.Wait(Gap);

        Assert.Equal(2, _logger.Entries.Count(l => l.EventId == 1654));
        Assert.Contains(_logger.Entries, l => l.EventId == 1655 && l.Message.Contains("19 further faults", StringComparison.Ordinal));
        await StopAsync(run);
    }

    [Fact]
    public async Task A_glitch_on_the_other_line_during_a_frame_is_a_noise_fault()
    {
        var run = Start();
        var bits = WiegandCodec.Encode(Credential.Parse("wiegand26:123:45678"));

        for (var i = 0; i < bits.Count; i++)
        {
            _card.Pulse(bits.Bit(i), _card.PulseWidth);
            if (i == 10)
            {
                // Crosstalk: a 10 µs dip on the other line 50 µs after the real bit's falling edge.
                _card.Pulse(1 - bits.Bit(i), TimeSpan.FromMicroseconds(10));
                _card.Wait(_card.BitInterval - _card.PulseWidth - TimeSpan.FromMicroseconds(10));
            }
            else
            {
                _card.Wait(_card.BitInterval - _card.PulseWidth);
            }
        }

        _card.Wait(Gap);

        Assert.Empty(_sink.Reads);
        var fault = Assert.Single(_sink.Faults);
        Assert.Contains("D0 and D1 at once", fault, StringComparison.Ordinal);
        await StopAsync(run);
    }

    [Fact]
    public async Task Ringing_on_the_same_line_is_ignored_and_the_badge_still_reads()
    {
        var run = Start();
        var credential = Credential.Parse("wiegand34:1200:45678");
        var bits = WiegandCodec.Encode(credential);

        for (var i = 0; i < bits.Count; i++)
        {
            _card.Pulse(bits.Bit(i), TimeSpan.FromMicroseconds(20));
            _card.Wait(TimeSpan.FromMicroseconds(30));
            _card.Pulse(bits.Bit(i), TimeSpan.FromMicroseconds(20));
            _card.Wait(_card.BitInterval - TimeSpan.FromMicroseconds(70));
        }

        _card.Wait(Gap);

        Assert.Equal(credential, Assert.Single(_sink.Reads).Credential);
        Assert.Empty(_sink.Faults);
        await StopAsync(run);
    }

    [Fact]
    public async Task A_lone_glitch_on_an_idle_line_is_neither_a_read_nor_a_fault()
    {
        var run = Start();

        _card.Pulse(0, TimeSpan.FromMicroseconds(5));
        _card.Wait(TimeSpan.FromSeconds(1));
        _card.Pulse(1, TimeSpan.FromMicroseconds(5));
        _card.Wait(TimeSpan.FromSeconds(1));

        Assert.Empty(_sink.Reads);
        Assert.Empty(_sink.Faults);
        Assert.Equal(2, _logger.Entries.Count(l => l.EventId == 1656));
        await StopAsync(run);
    }

    [Fact]
    public async Task A_line_that_cannot_be_opened_is_a_fault_then_retried()
    {
        _driver.FailOpening(D1, new IOException("Device or resource busy"));
        var reader = CreateReader(Reader());
        var run = reader.RunAsync(_stop.Token);

        Assert.Contains("busy", Assert.Single(_sink.Faults), StringComparison.Ordinal);
        Assert.False(_driver.IsOpen(D0));

        _time.Advance(TimeSpan.FromSeconds(10));

        // The retry continues on whichever thread completes the delay: wait for it (no logic timing here).
        Assert.True(SpinWait.SpinUntil(() => _driver.IsOpen(D0) && _driver.IsOpen(D1), TimeSpan.FromSeconds(5)));

        // The simulated driver forgets a closed line's level: the reader holds both lines high again.
        _card.Idle();
        _card.Send("10111101110110010011011101");
        _card.Wait(Gap);
        Assert.Single(_sink.Reads);
        await StopAsync(run);
    }

    [Fact]
    public async Task A_line_already_used_by_another_part_is_reported_and_left_alone()
    {
        _gpio.OpenPin(D1, PinMode.Output, PinValue.Low);
        var run = CreateReader(Reader()).RunAsync(_stop.Token);

        Assert.Single(_sink.Faults);
        Assert.False(_driver.IsOpen(D0));
        Assert.True(_driver.IsOpen(D1));
        Assert.Equal(PinMode.Output, _gpio.GetPinMode(D1));
        await StopAsync(run);
    }

    [Fact]
    public async Task A_reader_without_both_data_lines_reports_its_configuration_and_stops()
    {
        var reader = CreateReader(new ReaderConfiguration { Id = "murat-entree", Kind = ReaderKind.Wiegand, WiegandD0Pin = D0 });

        await reader.RunAsync(_stop.Token);

        Assert.Contains("WiegandD1Pin", Assert.Single(_sink.Faults), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_releases_both_lines_and_forgets_a_partial_frame()
    {
        var run = Start();
        _card.Send("1011110111011");

        await StopAsync(run);
        _card.Wait(Gap);

        Assert.False(_driver.IsOpen(D0));
        Assert.False(_driver.IsOpen(D1));
        Assert.Empty(_sink.Reads);
        Assert.Empty(_sink.Faults);
    }

    private static ReaderConfiguration Reader() =>
        new() { Id = "saint-flour-entree", Kind = ReaderKind.Wiegand, Door = "entree", WiegandD0Pin = D0, WiegandD1Pin = D1 };

    private WiegandReader CreateReader(ReaderConfiguration configuration) =>
        new(configuration, _gpio, _sink, new WiegandTiming(), _time, _logger);

    private Task Start()
    {
        var run = CreateReader(Reader()).RunAsync(_stop.Token);
        Assert.True(_driver.IsOpen(D0) && _driver.IsOpen(D1));
        return run;
    }

    private async Task StopAsync(Task run)
    {
        await _stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
