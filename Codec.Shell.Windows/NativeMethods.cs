using System.Runtime.InteropServices;
using System.Runtime.InteropServices.ComTypes;

namespace RegionCodec.Shell.Windows;

/// <summary>IInitializeWithStream (propsys.h): the only initialisation Explorer uses for out-of-process handlers.</summary>
[ComImport]
[Guid("b824b49d-22ac-4161-ac8a-9916e8fa3f7f")]
[InterfaceType(ComInterfaceType.InterfaceIsIUnknown)]
public interface IInitializeWithStream
{
    void Initialize(IStream stream, uint mode);
}

/// <summary>IThumbnailProvider (thumbcache.h).</summary>
[ComImport]
[Guid("e357fccd-a995-4576-b01f-234630154e96")]
[InterfaceType(ComInterfaceType.InterfaceIsIUnknown)]
public interface IThumbnailProvider
{
    void GetThumbnail(uint cx, out IntPtr phbmp, out uint pdwAlpha);
}

internal static class NativeMethods
{
    public const uint WtsatRgb = 1;

    [StructLayout(LayoutKind.Sequential)]
    public struct BitmapInfoHeader
    {
        public int Size;
        public int Width;
        public int Height;
        public short Planes;
        public short BitCount;
        public int Compression;
        public int SizeImage;
        public int XPelsPerMeter;
        public int YPelsPerMeter;
        public int ClrUsed;
        public int ClrImportant;
    }

    [DllImport("gdi32.dll", SetLastError = true)]
    public static extern IntPtr CreateDIBSection(IntPtr hdc, ref BitmapInfoHeader header, uint usage, out IntPtr bits, IntPtr section, uint offset);
}
