using System.Text;

namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>Managed helpers over <see cref="PcscNative"/>: strings, buffers and one-shot UID reads.</summary>
internal static unsafe class PcscClient
{
    public static PcscResult Establish(out PcscContextHandle context)
    {
        try
        {
            var result = PcscNative.ToResult(PcscNative.SCardEstablishContext(PcscNative.ScopeSystem, 0, 0, out context));
            if (result != PcscResult.Success)
            {
                context.Dispose();
            }

            return result;
        }
        catch (DllNotFoundException)
        {
            // libpcsclite1 missing: reported like an absent daemon so the monitor keeps retrying instead of crashing.
            context = new PcscContextHandle();
            return PcscResult.NoService;
        }
    }

    public static bool IsValid(PcscContextHandle context) =>
        !context.IsClosed && PcscNative.ToResult(PcscNative.SCardIsValidContext(context)) == PcscResult.Success;

    /// <summary>Lists reader names; <see cref="PcscResult.NoReadersAvailable"/> yields an empty list and success.</summary>
    public static PcscResult ListReaders(PcscContextHandle context, List<string> names)
    {
        names.Clear();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            nuint length = 0;
            var result = PcscNative.ToResult(PcscNative.SCardListReaders(context, null, null, ref length));
            if (result == PcscResult.NoReadersAvailable)
            {
                return PcscResult.Success;
            }

            if (result != PcscResult.Success)
            {
                return result;
            }

            var buffer = new byte[(int)length];
            fixed (byte* pointer = buffer)
            {
                result = PcscNative.ToResult(PcscNative.SCardListReaders(context, null, pointer, ref length));
            }

            if (result == PcscResult.InsufficientBuffer)
            {
                // A reader was plugged between the two calls: ask again.
                continue;
            }

            if (result == PcscResult.NoReadersAvailable)
            {
                return PcscResult.Success;
            }

            if (result != PcscResult.Success)
            {
                return result;
            }

            var span = buffer.AsSpan(0, Math.Min((int)length, buffer.Length));
            while (!span.IsEmpty && span[0] != 0)
            {
                var end = span.IndexOf((byte)0);
                if (end < 0)
                {
                    end = span.Length;
                }

                names.Add(Encoding.UTF8.GetString(span[..end]));
                span = end < span.Length ? span[(end + 1)..] : [];
            }

            return PcscResult.Success;
        }

        return PcscResult.InsufficientBuffer;
    }

    public static PcscResult GetStatusChange(PcscContextHandle context, nuint timeoutMilliseconds, Span<ScardReaderState> states)
    {
        fixed (ScardReaderState* pointer = states)
        {
            return PcscNative.ToResult(PcscNative.SCardGetStatusChange(context, timeoutMilliseconds, pointer, (nuint)states.Length));
        }
    }

    /// <summary>Current state of one reader, without waiting (diagnostics and test fixtures).</summary>
    public static PcscResult GetReaderState(PcscContextHandle context, string readerName, out nuint eventState)
    {
        eventState = 0;
        var name = System.Runtime.InteropServices.Marshal.StringToCoTaskMemUTF8(readerName);
        try
        {
            var state = new ScardReaderState { Reader = (byte*)name };
            var result = PcscNative.ToResult(PcscNative.SCardGetStatusChange(context, 0, &state, 1));
            eventState = state.EventState;
            return result;
        }
        finally
        {
            System.Runtime.InteropServices.Marshal.FreeCoTaskMem(name);
        }
    }

    public static PcscResult Cancel(PcscContextHandle context) => PcscNative.ToResult(PcscNative.SCardCancel(context));

    /// <summary>
    /// Connects shared (T0|T1), sends GET DATA UID, disconnects leaving the card. <paramref name="readerName"/> is a
    /// null-terminated UTF-8 name. Returns the transport result; the answer is in <paramref name="response"/>.
    /// </summary>
    public static PcscResult TransmitGetUid(PcscContextHandle context, ReadOnlySpan<byte> readerName, Span<byte> response, out int responseLength)
    {
        responseLength = 0;
        nint card;
        nuint protocol;
        PcscResult result;
        fixed (byte* name = readerName)
        {
            result = PcscNative.ToResult(PcscNative.SCardConnect(context, name, PcscNative.ShareShared, PcscNative.ProtocolT0 | PcscNative.ProtocolT1, out card, out protocol));
        }

        if (result != PcscResult.Success)
        {
            return result;
        }

        try
        {
            var sendPci = new ScardIoRequest { Protocol = protocol, PciLength = (nuint)sizeof(ScardIoRequest) };
            var length = (nuint)response.Length;
            var command = PcscUidResponse.GetUidCommand;
            fixed (byte* send = command)
            fixed (byte* receive = response)
            {
                result = PcscNative.ToResult(PcscNative.SCardTransmit(card, &sendPci, send, (nuint)command.Length, null, receive, ref length));
            }

            if (result == PcscResult.Success)
            {
                responseLength = (int)Math.Min(length, (nuint)response.Length);
            }

            return result;
        }
        finally
        {
            PcscNative.SCardDisconnect(card, PcscNative.LeaveCard);
        }
    }
}
