namespace RegionCodec.Encoding;

/// <summary>Reads the alpha byte (always a pixel's last) out of interleaved input. Encoder-only.</summary>
internal static class AlphaSampler
{
    /// <summary>True when every pixel's alpha is 255, so storing it would cost bytes for nothing.</summary>
    public static bool IsOpaque(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format)
    {
        int bpp = format.BytesPerPixel();
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(y * stride, width * bpp);
            for (int i = bpp - 1; i < row.Length; i += bpp)
            {
                if (row[i] != 255)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Copies rows [<paramref name="top"/>, top + rows) of the input's alpha into <paramref name="plane"/> (width samples per row).</summary>
    public static void Copy(PixelRows pixels, RsgPixelFormat format, int width, int top, int rows, Span<byte> plane)
    {
        int bpp = format.BytesPerPixel();
        for (int y = 0; y < rows; y++)
        {
            ReadOnlySpan<byte> row = pixels.Row(top + y, width * bpp);
            Span<byte> destination = plane.Slice(y * width, width);
            for (int x = 0, i = bpp - 1; x < width; x++, i += bpp)
            {
                destination[x] = row[i];
            }
        }
    }
}
