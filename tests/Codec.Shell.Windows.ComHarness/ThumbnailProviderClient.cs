using System.Runtime.InteropServices;

namespace RegionCodec.Shell.Windows.ComHarness;

/// <summary>
/// What Explorer's thumbnail cache does with a registered IThumbnailProvider: CoCreateInstance by CLSID (the
/// registry's InprocServer32 names the comhost), IInitializeWithStream::Initialize with a stream over the file,
/// IThumbnailProvider::GetThumbnail(cx).
/// </summary>
internal static unsafe class ThumbnailProviderClient
{
    public sealed record Result(HBitmapPixels Bitmap, uint AlphaType);

    public static Result GetThumbnail(Guid clsid, string path, uint cx)
    {
        ComCall.ThrowIfFailed(
            NativeMethods.CoCreateInstance(clsid, IntPtr.Zero, NativeMethods.ClsctxInprocServer, NativeMethods.IidIUnknown, out IntPtr unknown),
            $"CoCreateInstance({clsid:B})");
        IntPtr initialize = IntPtr.Zero, provider = IntPtr.Zero, stream = IntPtr.Zero, bitmap = IntPtr.Zero;
        try
        {
            initialize = ComCall.QueryInterface(unknown, NativeMethods.IidIInitializeWithStream, "IInitializeWithStream");
            provider = ComCall.QueryInterface(unknown, NativeMethods.IidIThumbnailProvider, "IThumbnailProvider");
            ComCall.ThrowIfFailed(
                NativeMethods.SHCreateStreamOnFileEx(path, NativeMethods.StgmRead | NativeMethods.StgmShareDenyWrite, 0, false, IntPtr.Zero, out stream),
                $"SHCreateStreamOnFileEx({path})");

            // IInitializeWithStream::Initialize(IStream*, DWORD grfMode) is slot 3.
            var init = (delegate* unmanaged<IntPtr, IntPtr, uint, int>)ComCall.Method(initialize, 3);
            ComCall.ThrowIfFailed(init(initialize, stream, NativeMethods.StgmRead), "IInitializeWithStream::Initialize");

            // IThumbnailProvider::GetThumbnail(UINT cx, HBITMAP*, WTS_ALPHATYPE*) is slot 3.
            var getThumbnail = (delegate* unmanaged<IntPtr, uint, IntPtr*, uint*, int>)ComCall.Method(provider, 3);
            uint alpha = uint.MaxValue;
            ComCall.ThrowIfFailed(getThumbnail(provider, cx, &bitmap, &alpha), $"IThumbnailProvider::GetThumbnail({cx})");
            return new Result(HBitmapPixels.Read(bitmap), alpha);
        }
        finally
        {
            // The caller of GetThumbnail owns the HBITMAP.
            if (bitmap != IntPtr.Zero)
            {
                NativeMethods.DeleteObject(bitmap);
            }

            foreach (IntPtr pointer in new[] { stream, provider, initialize, unknown })
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.Release(pointer);
                }
            }
        }
    }
}
