using System.Runtime.InteropServices;

namespace RegionCodec.Shell.Windows.ComHarness;

/// <summary>
/// Explorer's own route to a thumbnail: SHCreateItemFromParsingName + IShellItemImageFactory::GetImage, which
/// finds the provider through the .rsg ShellEx registration and runs it (normally out of process, through the
/// thumbnail cache). Real Windows only: Wine's shell32 does not produce thumbnails through this interface.
/// </summary>
internal static unsafe class ShellItemImageClient
{
    public static HBitmapPixels GetImage(string path, int size)
    {
        ComCall.ThrowIfFailed(
            NativeMethods.SHCreateItemFromParsingName(path, IntPtr.Zero, NativeMethods.IidIShellItemImageFactory, out IntPtr factory),
            $"SHCreateItemFromParsingName({path})");
        IntPtr bitmap = IntPtr.Zero;
        try
        {
            // IShellItemImageFactory::GetImage(SIZE, SIIGBF, HBITMAP*) is slot 3; SIZE goes by value.
            var getImage = (delegate* unmanaged<IntPtr, NativeMethods.Size, int, IntPtr*, int>)ComCall.Method(factory, 3);
            var requested = new NativeMethods.Size { Cx = size, Cy = size };
            ComCall.ThrowIfFailed(getImage(factory, requested, NativeMethods.SiigbfThumbnailOnly, &bitmap), $"IShellItemImageFactory::GetImage({size})");
            return HBitmapPixels.Read(bitmap);
        }
        finally
        {
            if (bitmap != IntPtr.Zero)
            {
                NativeMethods.DeleteObject(bitmap);
            }

            Marshal.Release(factory);
        }
    }
}
