namespace RegionCodec.Coefficients;

/// <summary>
/// Which region each block of a strip takes (spec/rsg.md §7.3): among the mask cells under the
/// block's pixels (clipped to the image), the region of highest rank, where a DCT region outranks a
/// DC-only one and a DC-only one a lossless one, then higher quality wins, then the lower label. A block
/// whose region is lossless therefore lies wholly in lossless cells and is not coded (§9.5). So a block that touches a
/// high-quality region is coded at that quality, and a chroma block straddling regions follows the same rule.
/// </summary>
internal static class BlockRegions
{
    /// <summary>Rank of each label: (2 for DCT, 1 for DC-only, 0 for lossless) &lt;&lt; 16 | quality &lt;&lt; 8 | (255 - label).</summary>
    public static int[] Ranks(ReadOnlySpan<RsgRegion> regions)
    {
        int[] ranks = new int[regions.Length];
        for (int label = 0; label < regions.Length; label++)
        {
            int mode = regions[label].Mode switch { RsgRegionMode.Dct => 2, RsgRegionMode.DcOnly => 1, _ => 0 };
            ranks[label] = (mode << 16) | (regions[label].Quality << 8) | (255 - label);
        }

        return ranks;
    }

    /// <summary>
    /// Fills <see cref="PlaneState.Region"/> for every block of <paramref name="plane"/>.
    /// <paramref name="stripMask"/> holds this strip's mask rows (<see cref="FrameHeader.MaskWidth"/> cells each),
    /// starting at the mask row that contains image row <paramref name="stripTop"/>.
    /// </summary>
    public static void Assign(FrameHeader header, ReadOnlySpan<int> ranks, ReadOnlySpan<byte> stripMask, int stripTop, PlaneState plane)
    {
        if (!stripMask.IsEmpty && stripMask.IndexOfAnyExcept(stripMask[0]) < 0)
        {
            // One label under the whole strip (every strip of a one-region image): every block takes it.
            plane.Region.AsSpan(0, plane.BlocksWide * plane.BlocksHigh).Fill(stripMask[0]);
            return;
        }

        int log2 = header.MaskCellLog2;
        int maskWidth = header.MaskWidth;
        int firstMaskRow = stripTop >> log2;
        int size = plane.PixelsPerBlock;
        for (int by = 0; by < plane.BlocksHigh; by++)
        {
            (int y0, int y1) = Clip(stripTop + (by * size), size, header.Height);
            int cy0 = (y0 >> log2) - firstMaskRow, cy1 = ((y1 - 1) >> log2) + 1 - firstMaskRow;
            for (int bx = 0; bx < plane.BlocksWide; bx++)
            {
                (int x0, int x1) = Clip(bx * size, size, header.Width);
                int cx0 = x0 >> log2, cx1 = ((x1 - 1) >> log2) + 1;
                int best = stripMask[(cy0 * maskWidth) + cx0];
                for (int cy = cy0; cy < cy1; cy++)
                {
                    ReadOnlySpan<byte> cells = stripMask.Slice((cy * maskWidth) + cx0, cx1 - cx0);
                    int i = cells.IndexOfAnyExcept((byte)best);
                    while (i >= 0)
                    {
                        int label = cells[i];
                        if (ranks[label] > ranks[best])
                        {
                            best = label;
                        }

                        int next = cells[(i + 1)..].IndexOfAnyExcept((byte)best);
                        i = next < 0 ? -1 : i + 1 + next;
                    }
                }

                plane.Region[(by * plane.BlocksWide) + bx] = (byte)best;
            }
        }
    }

    /// <summary>The block's pixel span [start, start + size) clipped to [0, limit); a span wholly outside keeps the last pixel.</summary>
    private static (int Start, int End) Clip(int start, int size, int limit) =>
        start >= limit ? (limit - 1, limit) : (start, Math.Min(start + size, limit));
}
