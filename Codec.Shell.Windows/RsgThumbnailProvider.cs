using System.Runtime.InteropServices;
using System.Runtime.InteropServices.ComTypes;
using System.Runtime.Versioning;

namespace RegionCodec.Shell.Windows;

/// <summary>
/// Explorer thumbnail provider for .rsg (IInitializeWithStream + IThumbnailProvider). Thin COM glue: the
/// stream is read into memory and <see cref="RsgThumbnailer.Render(ReadOnlyMemory{byte}, int, ThumbnailPixelOrder, RsgDecoderOptions?, CancellationToken)"/>
/// (tested on Linux) makes a BGRA bitmap whose longest side is cx; this class only copies it into a 32-bpp
/// top-down DIB section. Registered per user by 'rsgconv shell register' (WindowsShellRegistration, HKCU).
/// </summary>
[ComVisible(true)]
[Guid("6A3B1F0E-5C2D-4E8B-9A71-3D2F8C4B5E60")]
[ClassInterface(ClassInterfaceType.None)]
[SupportedOSPlatform("windows")]
public sealed class RsgThumbnailProvider : IInitializeWithStream, IThumbnailProvider
{
    /// <summary>Larger files are refused rather than read (Explorer's surrogate process shares memory with other handlers).</summary>
    private const long MaxFileBytes = 512L * 1024 * 1024;

    private byte[]? _data;

    public void Initialize(IStream stream, uint mode)
    {
        if (_data is not null)
        {
            throw new COMException("Already initialized", unchecked((int)0x8007139F));   // HRESULT_FROM_WIN32(ERROR_ALREADY_INITIALIZED)
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[64 * 1024];
        IntPtr readPtr = Marshal.AllocCoTaskMem(sizeof(int));
        try
        {
            while (true)
            {
                stream.Read(chunk, chunk.Length, readPtr);
                int read = Marshal.ReadInt32(readPtr);
                if (read <= 0)
                {
                    break;
                }

                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxFileBytes)
                {
                    throw new COMException("File too large for a thumbnail", unchecked((int)0x80070008));   // E_OUTOFMEMORY
                }
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(readPtr);
            Marshal.ReleaseComObject(stream);
        }

        _data = buffer.ToArray();
    }

    public void GetThumbnail(uint cx, out IntPtr phbmp, out uint pdwAlpha)
    {
        if (_data is null)
        {
            throw new COMException("Not initialized", unchecked((int)0x8000FFFF));   // E_UNEXPECTED
        }

        RsgThumbnail thumbnail;
        try
        {
            thumbnail = RsgThumbnailer.Render(_data, (int)Math.Clamp(cx, 1, RsgThumbnailer.MaxSize), ThumbnailPixelOrder.Bgra32);
        }
        catch (RsgFormatException e)
        {
            throw new COMException(e.Message, unchecked((int)0x80004005));   // E_FAIL: Explorer shows the generic icon
        }

        var header = new NativeMethods.BitmapInfoHeader
        {
            Size = Marshal.SizeOf<NativeMethods.BitmapInfoHeader>(),
            Width = thumbnail.Width,
            Height = -thumbnail.Height,                 // negative: top-down rows, as RsgThumbnail stores them
            Planes = 1,
            BitCount = 32,
        };
        IntPtr bitmap = NativeMethods.CreateDIBSection(IntPtr.Zero, ref header, 0, out IntPtr bits, IntPtr.Zero, 0);
        if (bitmap == IntPtr.Zero)
        {
            throw new COMException("CreateDIBSection failed", Marshal.GetHRForLastWin32Error());
        }

        Marshal.Copy(thumbnail.Pixels, 0, bits, thumbnail.Pixels.Length);
        phbmp = bitmap;
        pdwAlpha = NativeMethods.WtsatRgb;             // opaque
    }
}
