namespace RegionCodec.Segmentation;

/// <summary>Squared luma error inside one region: how <see cref="RsgRateAllocator"/> checks the region it favours.</summary>
internal static class RsgRegionLumaError
{
    /// <summary>
    /// Sum over the pixels whose cell has <paramref name="label"/> of (Y_original - Y_decoded)^2, Y = BT.601 luma
    /// in double precision (so the comparison is not blurred by rounding to 8 bits).
    /// </summary>
    public static double SumSquared(ReadOnlySpan<byte> original, int width, int height, int stride, RsgPixelFormat format,
        RsgImage decoded, RsgLabelMap labels, int label)
    {
        int bpp = format.BytesPerPixel();
        int decodedBpp = decoded.PixelFormat.BytesPerPixel();
        double sum = 0;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = original.Slice(y * stride, width * bpp);
            ReadOnlySpan<byte> decodedRow = decoded.Pixels.AsSpan(y * decoded.Stride, width * decodedBpp);
            for (int x = 0; x < width; x++)
            {
                if (labels.LabelAtPixel(x, y) != label)
                {
                    continue;
                }

                double d = Luma(row.Slice(x * bpp, bpp), format) - Luma(decodedRow.Slice(x * decodedBpp, decodedBpp), decoded.PixelFormat);
                sum += d * d;
            }
        }

        return sum;
    }

    private static double Luma(ReadOnlySpan<byte> pixel, RsgPixelFormat format) => format switch
    {
        RsgPixelFormat.Gray8 or RsgPixelFormat.GrayAlpha16 => pixel[0],
        RsgPixelFormat.Bgr24 or RsgPixelFormat.Bgra32 => (RsgLuma.Red * pixel[2]) + (RsgLuma.Green * pixel[1]) + (RsgLuma.Blue * pixel[0]),
        _ => (RsgLuma.Red * pixel[0]) + (RsgLuma.Green * pixel[1]) + (RsgLuma.Blue * pixel[2]),
    };
}
