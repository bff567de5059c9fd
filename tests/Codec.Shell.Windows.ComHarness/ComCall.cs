using System.Runtime.InteropServices;

namespace RegionCodec.Shell.Windows.ComHarness;

/// <summary>
/// Raw COM calls on interface pointers. The harness never lets the runtime wrap the provider: a .NET COM
/// server in a .NET process would otherwise be unwrapped to its managed object, and the test would no
/// longer exercise the native ABI that Explorer uses.
/// </summary>
internal static unsafe class ComCall
{
    /// <summary>The method at <paramref name="slot"/> of the interface's vtable (0-2 are IUnknown's).</summary>
    public static IntPtr Method(IntPtr instance, int slot) => (*(IntPtr**)instance)[slot];

    public static IntPtr QueryInterface(IntPtr instance, Guid iid, string what)
    {
        ThrowIfFailed(Marshal.QueryInterface(instance, in iid, out IntPtr result), $"QueryInterface({what})");
        return result;
    }

    public static void ThrowIfFailed(int hresult, string call)
    {
        if (hresult < 0)
        {
            throw new COMException($"{call} failed with HRESULT 0x{hresult:X8}", hresult);
        }
    }
}
