namespace RegionCodec.Segmentation;

/// <summary>Pixel helpers shared by segmenters: luma extraction and Otsu's threshold.</summary>
public static class RsgLuma
{
    /// <summary>BT.601 luma weights, the codec's own Y (spec/rsg.md §10.3).</summary>
    internal const double Red = 0.299, Green = 0.587, Blue = 0.114;

    // The same weights in 16-bit fixed point: 19595, 38470, 7471.
    private const int Red16 = (int)((Red * 65536) + 0.5), Green16 = (int)((Green * 65536) + 0.5), Blue16 = (int)((Blue * 65536) + 0.5);

    /// <summary>
    /// BT.601 luma (the codec's own Y weights, rounded) of interleaved 8-bit pixels, packed
    /// <paramref name="width"/> bytes per row.
    /// </summary>
    public static byte[] Extract(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format)
    {
        Validate(pixels, width, height, stride, format);
        int bpp = format.BytesPerPixel();
        var luma = new byte[(long)width * height];
        for (int y = 0; y < height; y++)
        {
            ExtractRow(pixels.Slice(y * stride, width * bpp), format, luma.AsSpan(y * width, width));
        }

        return luma;
    }

    /// <summary>The luma of one packed row of <paramref name="destination"/>.Length pixels.</summary>
    internal static void ExtractRow(ReadOnlySpan<byte> row, RsgPixelFormat format, Span<byte> destination)
    {
        switch (format)
        {
            case RsgPixelFormat.Gray8:
                row[..destination.Length].CopyTo(destination);
                break;
            case RsgPixelFormat.GrayAlpha16:
                for (int x = 0; x < destination.Length; x++)
                {
                    destination[x] = row[2 * x];
                }

                break;
            default:
                // RGB(A) with red first, or BGR(A) with blue first; green is always the middle byte.
                bool redFirst = format is RsgPixelFormat.Rgb24 or RsgPixelFormat.Rgba32;
                LumaRow.Convert(row, format.BytesPerPixel(), redFirst ? 0 : 2, redFirst ? 2 : 0, destination);
                break;
        }
    }

    /// <summary>BT.601 luma of one pixel, the codec's own Y weights in 16-bit fixed point, rounded.</summary>
    public static byte Of(byte red, byte green, byte blue) =>
        (byte)(((Red16 * red) + (Green16 * green) + (Blue16 * blue) + 32768) >> 16);

    /// <summary>Checks dimensions, stride and buffer length the way the encoder does.</summary>
    public static void Validate(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        int bpp = format.BytesPerPixel();
        if ((long)stride < (long)width * bpp)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"Stride must be at least {(long)width * bpp}.");
        }

        if (pixels.Length < ((long)(height - 1) * stride) + ((long)width * bpp))
        {
            throw new ArgumentException("The pixel buffer is smaller than height x stride.", nameof(pixels));
        }
    }

    /// <summary>Otsu's threshold over a 256-bin histogram: the bin t maximising between-class variance (class 1 is &gt; t).</summary>
    public static int OtsuThreshold(ReadOnlySpan<long> histogram)
    {
        if (histogram.Length != 256)
        {
            throw new ArgumentException("Need 256 bins.", nameof(histogram));
        }

        long total = 0;
        double sum = 0;
        for (int i = 0; i < 256; i++)
        {
            total += histogram[i];
            sum += (double)i * histogram[i];
        }

        long w0 = 0;
        double sum0 = 0, best = -1;
        int threshold = 0;
        for (int t = 0; t < 255; t++)
        {
            w0 += histogram[t];
            sum0 += (double)t * histogram[t];
            long w1 = total - w0;
            if (w0 == 0 || w1 == 0)
            {
                continue;
            }

            double m0 = sum0 / w0, m1 = (sum - sum0) / w1;
            double between = (double)w0 * w1 * (m0 - m1) * (m0 - m1);
            if (between > best)
            {
                best = between;
                threshold = t;
            }
        }

        return threshold;
    }
}
