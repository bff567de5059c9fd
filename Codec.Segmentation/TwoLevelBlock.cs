namespace RegionCodec.Segmentation;

/// <summary>
/// Whether an 8x8 block of luma is made of two levels, like ink on paper: most of its pixels lie within a quarter
/// of the block's range from its darkest or its brightest value. Strong texture in photographs (rocks, foliage,
/// fur) spreads over the whole range instead: on Kodak, scikit-image and CLIC at most 28% of the blocks that the
/// masking coarsens are strong-stroke blocks of two levels, against 47-52% on a scanned text page.
/// </summary>
internal static class TwoLevelBlock
{
    /// <summary>True when at least <paramref name="share"/> of the block's pixels sit near its minimum or maximum.</summary>
    public static bool Test(ReadOnlySpan<byte> luma, int width, int height, int blockX, int blockY, double share)
    {
        int y0 = blockY * 8, y1 = Math.Min(height, y0 + 8);
        return Test(luma.Slice(y0 * width, (y1 - y0) * width), width, blockX, share);
    }

    /// <summary>As above, for block <paramref name="blockX"/> of a band holding just its block row (1..8 luma rows of <paramref name="width"/>).</summary>
    public static bool Test(ReadOnlySpan<byte> band, int width, int blockX, double share)
    {
        int x0 = blockX * 8, y0 = 0;
        int x1 = Math.Min(width, x0 + 8), y1 = band.Length / width;
        ReadOnlySpan<byte> luma = band;
        int min = 255, max = 0;
        for (int y = y0; y < y1; y++)
        {
            foreach (byte v in luma.Slice((y * width) + x0, x1 - x0))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        // Near = within a quarter of the range of either end (4 * distance <= range, in integers).
        int range = max - min, near = 0;
        for (int y = y0; y < y1; y++)
        {
            foreach (byte v in luma.Slice((y * width) + x0, x1 - x0))
            {
                near += 4 * (v - min) <= range || 4 * (max - v) <= range ? 1 : 0;
            }
        }

        return near >= share * (x1 - x0) * (y1 - y0);
    }
}
