using System.Runtime.InteropServices;

namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>An SCARDCONTEXT released with SCardReleaseContext. The marshaller keeps it alive during native calls,
/// so disposing it while another thread is blocked in SCardGetStatusChange releases it only afterwards.</summary>
public sealed class PcscContextHandle : SafeHandle
{
    public PcscContextHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => PcscNative.ToResult(PcscNative.SCardReleaseContext(handle)) == PcscResult.Success;
}
