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
        (int r, int b) = format switch
        {
            RsgPixelFormat.Rgb24 or RsgPixelFormat.Rgba32 => (0, 2),
            RsgPixelFormat.Bgr24 or RsgPixelFormat.Bgra32 => (2, 0),
            _ => (0, 0),
        };
        var luma = new byte[(long)width * height];
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(y * stride, width * bpp);
            Span<byte> dst = luma.AsSpan(y * width, width);
            if (format == RsgPixelFormat.Gray8)
            {
                row.CopyTo(dst);
                continue;
            }

            if (format == RsgPixelFormat.GrayAlpha16)
            {
                for (int x = 0; x < width; x++)
                {
                    dst[x] = row[2 * x];
                }

                continue;
            }

            LumaRow.Convert(row, bpp, r, b, dst);
        }

        return luma;
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
