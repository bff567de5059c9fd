using RegionCodec.Entropy;

namespace RegionCodec.Coefficients;

/// <summary>
/// The 16x16 luma transform flags of a strip (spec/rsg.md §7.5, §9.2): one adaptive decision per eligible
/// 16x16 luma area, i.e. the 2x2 luma blocks at even block coordinates whose four blocks take the same
/// DCT-mode region. Areas are visited in raster order; the context counts the flags of the areas to the
/// left and above. Sets <see cref="PlaneState.Large"/> of the four blocks of a flagged area (the encoder
/// has set them before the call; the decoder's are zero).
/// </summary>
internal static class LargeBlockFlags
{
    /// <summary>Codes every eligible area's flag of the luma <paramref name="plane"/>.</summary>
    public static void Code<T>(ref T coder, CoefficientContexts ctx, PlaneState plane, RsgRegion[] regions)
        where T : IBinaryCoder, allows ref struct
    {
        for (int by = 0; by + 1 < plane.BlocksHigh; by += 2)
        {
            for (int bx = 0; bx + 1 < plane.BlocksWide; bx += 2)
            {
                if (IsEligible(plane, regions, bx, by))
                {
                    CodeArea(ref coder, ctx, plane, bx, by);
                }
            }
        }
    }

    /// <summary>Codes the flag of the eligible area whose top-left block is (<paramref name="bx"/>, <paramref name="by"/>), in the order of <see cref="Code"/>.</summary>
    public static void CodeArea<T>(ref T coder, CoefficientContexts ctx, PlaneState plane, int bx, int by)
        where T : IBinaryCoder, allows ref struct
    {
        int width = plane.BlocksWide;
        byte[] large = plane.Large;
        int index = (by * width) + bx;
        int context = (bx > 0 ? large[index - 2] : 0) + (by > 0 ? large[index - (2 * width)] : 0);
        int flag = coder.Code(ref ctx.LargeFlag[context], large[index]);
        large[index] = large[index + 1] = large[index + width] = large[index + width + 1] = (byte)flag;
    }

    /// <summary>Whether the area whose top-left block is (<paramref name="bx"/>, <paramref name="by"/>) may use a 16x16 transform.</summary>
    public static bool IsEligible(PlaneState plane, RsgRegion[] regions, int bx, int by)
    {
        int width = plane.BlocksWide;
        int index = (by * width) + bx;
        byte region = plane.Region[index];
        return regions[region].Mode == RsgRegionMode.Dct
            && plane.Region[index + 1] == region && plane.Region[index + width] == region && plane.Region[index + width + 1] == region;
    }
}
