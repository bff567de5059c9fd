using System.Runtime.InteropServices;

namespace RegionCodec.Shell.Windows.ComHarness;

/// <summary>The Win32 entry points the harness calls, with the constants it passes to them.</summary>
internal static class NativeMethods
{
    public const uint ClsctxInprocServer = 0x1;
    public const uint StgmRead = 0x0;
    public const uint StgmShareDenyWrite = 0x20;
    public const uint CoinitApartmentThreaded = 0x2;
    public const uint DibRgbColors = 0;
    public const int BiRgb = 0;

    /// <summary>IShellItemImageFactory::GetImage: fail instead of falling back to the file type's icon.</summary>
    public const int SiigbfThumbnailOnly = 0x8;

    public static readonly Guid IidIUnknown = new("00000000-0000-0000-C000-000000000046");
    public static readonly Guid IidIInitializeWithStream = new("b824b49d-22ac-4161-ac8a-9916e8fa3f7f");
    public static readonly Guid IidIThumbnailProvider = new("e357fccd-a995-4576-b01f-234630154e96");
    public static readonly Guid IidIShellItemImageFactory = new("bcc18b79-ba16-442f-80c4-8a59c30c463b");

    /// <summary>BITMAP (wingdi.h); bmBits is pointer-aligned.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Bitmap
    {
        public int Type;
        public int Width;
        public int Height;
        public int WidthBytes;
        public short Planes;
        public short BitsPixel;
        public IntPtr Bits;
    }

    /// <summary>BITMAPINFO with room for a colour table GetDIBits never fills for 32-bpp BI_RGB (kept so no call can overrun it).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct BitmapInfo
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
        public fixed uint Colors[256];
    }

    /// <summary>SIZE (windef.h), passed by value to IShellItemImageFactory::GetImage.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Size
    {
        public int Cx;
        public int Cy;
    }

    [DllImport("ole32.dll")]
    public static extern int CoInitializeEx(IntPtr reserved, uint coInit);

    [DllImport("ole32.dll")]
    public static extern int CoCreateInstance(in Guid clsid, IntPtr outer, uint context, in Guid iid, out IntPtr instance);

    [DllImport("shlwapi.dll", CharSet = CharSet.Unicode)]
    public static extern int SHCreateStreamOnFileEx(string file, uint mode, uint attributes, [MarshalAs(UnmanagedType.Bool)] bool create,
        IntPtr template, out IntPtr stream);

    [DllImport("shell32.dll", CharSet = CharSet.Unicode)]
    public static extern int SHCreateItemFromParsingName(string path, IntPtr bindContext, in Guid iid, out IntPtr item);

    [DllImport("gdi32.dll")]
    public static extern int GetObjectW(IntPtr handle, int size, out Bitmap bitmap);

    [DllImport("gdi32.dll")]
    public static extern IntPtr CreateCompatibleDC(IntPtr hdc);

    [DllImport("gdi32.dll")]
    public static extern bool DeleteDC(IntPtr hdc);

    [DllImport("gdi32.dll")]
    public static extern unsafe int GetDIBits(IntPtr hdc, IntPtr bitmap, uint start, uint lines, byte* bits, ref BitmapInfo info, uint usage);

    [DllImport("gdi32.dll")]
    public static extern bool DeleteObject(IntPtr handle);
}
