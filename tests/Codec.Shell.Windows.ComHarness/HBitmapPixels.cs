namespace RegionCodec.Shell.Windows.ComHarness;

/// <summary>
/// What an HBITMAP holds, read back the way a shell consumer would: its size and bit depth from GetObject, its
/// pixels from GetDIBits as 32-bpp top-down BGRA rows (stride = 4 * width).
/// </summary>
internal sealed record HBitmapPixels(int Width, int Height, int BitsPerPixel, byte[] Bgra)
{
    /// <summary>Reads <paramref name="bitmap"/>; the caller still owns (and deletes) it.</summary>
    public static unsafe HBitmapPixels Read(IntPtr bitmap)
    {
        if (NativeMethods.GetObjectW(bitmap, sizeof(NativeMethods.Bitmap), out NativeMethods.Bitmap header) == 0)
        {
            throw new InvalidOperationException("GetObject on the returned HBITMAP failed: not a bitmap handle");
        }

        var info = new NativeMethods.BitmapInfo
        {
            Size = 40,                                  // sizeof(BITMAPINFOHEADER)
            Width = header.Width,
            Height = -header.Height,                    // negative: ask for top-down rows
            Planes = 1,
            BitCount = 32,
            Compression = NativeMethods.BiRgb,
        };
        byte[] pixels = new byte[checked(header.Width * header.Height * 4)];
        IntPtr dc = NativeMethods.CreateCompatibleDC(IntPtr.Zero);
        try
        {
            fixed (byte* bits = pixels)
            {
                int lines = NativeMethods.GetDIBits(dc, bitmap, 0, (uint)header.Height, bits, ref info, NativeMethods.DibRgbColors);
                if (lines != header.Height)
                {
                    throw new InvalidOperationException($"GetDIBits copied {lines} of {header.Height} rows");
                }
            }
        }
        finally
        {
            NativeMethods.DeleteDC(dc);
        }

        return new HBitmapPixels(header.Width, header.Height, header.BitsPixel, pixels);
    }
}
