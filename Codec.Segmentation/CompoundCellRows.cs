namespace RegionCodec.Segmentation;

/// <summary>
/// The compound detector's cell measurement over rows as they come: one band of a cell row (and the row above it) at
/// a time, so the row-by-row segmentation measures the chosen cells without holding the image.
/// </summary>
internal static class CompoundCellRows
{
    /// <summary>Reads every row of <paramref name="rows"/> once and measures the cells set in <paramref name="cells"/> into <paramref name="stats"/>.</summary>
    public static void Measure(IRsgRowSource rows, int width, int height, RsgPixelFormat format, int stepThreshold, bool[] cells, CompoundCellStats stats, CancellationToken cancellationToken)
    {
        int rowBytes = width * format.BytesPerPixel();
        int columns = (width + 7) >> 3;

        // Slot 0 holds the last row of the previous cell row (the upper neighbours), slots 1..8 the cell row's rows.
        byte[] pixels = System.Buffers.ArrayPool<byte>.Shared.Rent(9 * rowBytes);
        byte[] luma = System.Buffers.ArrayPool<byte>.Shared.Rent(9 * width);
        try
        {
            for (int cy = 0, y0 = 0; y0 < height; cy++, y0 += 8)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(8, height - y0);
                rows.ReadRows(pixels.AsSpan(rowBytes, count * rowBytes), count);
                if (Array.IndexOf(cells, true, cy * columns, columns) >= 0)
                {
                    for (int r = 1; r <= count; r++)
                    {
                        RsgLuma.ExtractRow(pixels.AsSpan(r * rowBytes, rowBytes), format, luma.AsSpan(r * width, width));
                    }

                    int first = cy > 0 ? 0 : 1; // the image's first row has no row above
                    stats.MeasureCells(pixels.AsSpan(first * rowBytes, (count + 1 - first) * rowBytes), width, height, rowBytes, format,
                        luma.AsSpan(first * width, (count + 1 - first) * width), stepThreshold, cells, y0 - 1 + first, cy, 1, cancellationToken);
                }
                else
                {
                    // The next cell row's upper neighbours still need this row's luma.
                    RsgLuma.ExtractRow(pixels.AsSpan(count * rowBytes, rowBytes), format, luma.AsSpan(count * width, width));
                }

                pixels.AsSpan(count * rowBytes, rowBytes).CopyTo(pixels);
                luma.AsSpan(count * width, width).CopyTo(luma);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(pixels);
            System.Buffers.ArrayPool<byte>.Shared.Return(luma);
        }
    }
}
