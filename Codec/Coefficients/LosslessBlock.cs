namespace RegionCodec.Coefficients;

/// <summary>
/// A block wholly inside lossless cells (its §7.3 region is lossless): nothing of it is coded (spec/rsg.md §9.5).
/// Its levels stay zero and its dequantized DC is 0, the value its neighbours' DC prediction reads.
/// </summary>
internal static class LosslessBlock
{
    /// <summary>Records the skipped block at (<paramref name="bx"/>, <paramref name="by"/>) in place of <c>BlockCoder.CodeDc</c>.</summary>
    public static void Skip(PlaneState plane, int bx, int by)
    {
        int index = (by * plane.BlocksWide) + bx;
        plane.Levels.AsSpan(index * 64, 64).Clear();
        plane.DcValue[index] = 0;
        plane.NonZero[index] = 0;
    }
}
