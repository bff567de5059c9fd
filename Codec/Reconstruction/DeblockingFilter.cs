using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

/// <summary>
/// The deblocking filter (spec/rsg.md §10.5): softens the step that coarse quantization leaves across
/// 8x8 block edges, in proportion to the blocks' quantizer step, and leaves real edges (large steps or
/// busy neighbours) alone. Runs on one strip's plane array in place, after the inverse DCT and before
/// chroma upsampling: all vertical block edges first, then all horizontal ones. Edges on the strip's own
/// border are not filtered, so strips stay independent.
/// </summary>
/// <remarks>
/// The scalar path (<see cref="FilterScalar(Span{byte}, int, int, int, ReadOnlySpan{byte}, ReadOnlySpan{int}, ReadOnlySpan{byte})"/>, one <see cref="FilterAcross"/> per line) is the reference;
/// the SIMD path filters the 8 lines of an edge (or the 16 of two neighbouring horizontal edges) at once
/// in 16-bit lanes and gives the same bits for every input.
/// </remarks>
internal static partial class DeblockingFilter
{
    /// <summary>
    /// The step that scales a block's thresholds: the mean of its first horizontal and first vertical AC
    /// quantizer steps, which set the size of the seams quantization leaves.
    /// </summary>
    public static int BlockStep(ReadOnlySpan<ushort> quantizationTable) => (quantizationTable[1] + quantizationTable[8] + 1) >> 1;

    /// <summary>
    /// Filters every interior block edge of a plane of <paramref name="blocksWide"/> x <paramref name="blocksHigh"/>
    /// 8x8 blocks. <paramref name="blockRegion"/> holds each block's label (row-major) and
    /// <paramref name="stepByRegion"/> each label's <see cref="BlockStep"/> for this plane. Uses the fastest
    /// path the hardware accelerates; all paths give identical results.
    /// </summary>
    public static void Filter(Span<byte> samples, int stride, int blocksWide, int blocksHigh,
        ReadOnlySpan<byte> blockRegion, ReadOnlySpan<int> stepByRegion) =>
        Filter(samples, stride, blocksWide, blocksHigh, blockRegion, stepByRegion, default);

    /// <summary>
    /// <see cref="Filter(Span{byte}, int, int, int, ReadOnlySpan{byte}, ReadOnlySpan{int})"/> that also leaves alone
    /// the interior edges of 16x16 transforms: <paramref name="large"/> (empty, or one byte per block) marks their blocks.
    /// </summary>
    public static void Filter(Span<byte> samples, int stride, int blocksWide, int blocksHigh,
        ReadOnlySpan<byte> blockRegion, ReadOnlySpan<int> stepByRegion, ReadOnlySpan<byte> large)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            FilterVector256(samples, stride, blocksWide, blocksHigh, blockRegion, stepByRegion, large);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            FilterVector128(samples, stride, blocksWide, blocksHigh, blockRegion, stepByRegion, large);
        }
        else
        {
            FilterScalar(samples, stride, blocksWide, blocksHigh, blockRegion, stepByRegion, large);
        }
    }

    /// <summary>
    /// Whether the edge before block <paramref name="index"/> (across x when <paramref name="coordinate"/> is its bx,
    /// across y when its by) lies inside a 16x16 transform: an odd coordinate in a marked block (§10.5).
    /// </summary>
    internal static bool IsInterior(ReadOnlySpan<byte> large, int index, int coordinate) =>
        (coordinate & 1) != 0 && !large.IsEmpty && large[index] != 0;

    /// <summary>The reference implementation, one line at a time. Same contract as <see cref="Filter(Span{byte}, int, int, int, ReadOnlySpan{byte}, ReadOnlySpan{int}, ReadOnlySpan{byte})"/>.</summary>
    public static void FilterScalar(Span<byte> samples, int stride, int blocksWide, int blocksHigh,
        ReadOnlySpan<byte> blockRegion, ReadOnlySpan<int> stepByRegion) =>
        FilterScalar(samples, stride, blocksWide, blocksHigh, blockRegion, stepByRegion, default);

    /// <summary>The reference implementation with 16x16 transforms marked in <paramref name="large"/>.</summary>
    public static void FilterScalar(Span<byte> samples, int stride, int blocksWide, int blocksHigh,
        ReadOnlySpan<byte> blockRegion, ReadOnlySpan<int> stepByRegion, ReadOnlySpan<byte> large)
    {
        ValidateArguments(samples.Length, stride, blocksWide, blocksHigh);
        for (int by = 0; by < blocksHigh; by++)
        {
            int rowStart = by * blocksWide;
            for (int bx = 1; bx < blocksWide; bx++)
            {
                if (IsInterior(large, rowStart + bx, bx))
                {
                    continue;
                }

                int step = EdgeStep(stepByRegion[blockRegion[rowStart + bx - 1]], stepByRegion[blockRegion[rowStart + bx]]);
                if (Thresholds.For(step) is { Tc: > 0 } t)
                {
                    int edge = (by * 8 * stride) + (bx * 8);
                    for (int y = 0; y < 8; y++)
                    {
                        FilterAcross(samples, edge + (y * stride), 1, t);
                    }
                }
            }
        }

        for (int by = 1; by < blocksHigh; by++)
        {
            for (int bx = 0; bx < blocksWide; bx++)
            {
                if (IsInterior(large, (by * blocksWide) + bx, by))
                {
                    continue;
                }

                int step = EdgeStep(stepByRegion[blockRegion[((by - 1) * blocksWide) + bx]], stepByRegion[blockRegion[(by * blocksWide) + bx]]);
                if (Thresholds.For(step) is { Tc: > 0 } t)
                {
                    int edge = (by * 8 * stride) + (bx * 8);
                    for (int x = 0; x < 8; x++)
                    {
                        FilterAcross(samples, edge + x, stride, t);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The plane's 8·<paramref name="blocksHigh"/> rows of 8·<paramref name="blocksWide"/> samples, each
    /// <paramref name="stride"/> apart, must lie within <paramref name="sampleCount"/> samples.
    /// </summary>
    private static void ValidateArguments(int sampleCount, int stride, int blocksWide, int blocksHigh)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blocksWide);
        ArgumentOutOfRangeException.ThrowIfNegative(blocksHigh);
        if (blocksWide == 0 || blocksHigh == 0)
        {
            return;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 8L * blocksWide);
        if (sampleCount < (((8L * blocksHigh) - 1) * stride) + (8L * blocksWide))
        {
            throw new ArgumentException($"A plane of {blocksWide}x{blocksHigh} blocks with stride {stride} does not fit in {sampleCount} samples.", "samples");
        }
    }

    /// <summary>
    /// An edge is judged by the mean step of the two blocks it separates; a lossless block has step 0 and
    /// its edges are left alone (step 0 gives tc 0).
    /// </summary>
    internal static int EdgeStep(int stepP, int stepQ) => stepP == 0 || stepQ == 0 ? 0 : (stepP + stepQ + 1) >> 1;

    /// <summary>
    /// One line of samples across an edge: q0 at <paramref name="q0Index"/>, p0 one <paramref name="pitch"/>
    /// before it. Only p0 and q0 change, so lines of different edges never read each other's output
    /// within a pass (edges are 8 samples apart).
    /// </summary>
    internal static void FilterAcross(Span<byte> s, int q0Index, int pitch, Thresholds t)
    {
        int p1 = s[q0Index - (2 * pitch)], p0 = s[q0Index - pitch], q0 = s[q0Index], q1 = s[q0Index + pitch];
        int step = q0 - p0;
        if (Math.Abs(step) >= t.Alpha || Math.Abs(p1 - p0) >= t.Beta || Math.Abs(q1 - q0) >= t.Beta)
        {
            return;
        }

        int delta = Math.Clamp(((4 * step) + (p1 - q1) + 4) >> 3, -t.Tc, t.Tc);
        s[q0Index - pitch] = (byte)Math.Clamp(p0 + delta, 0, 255);
        s[q0Index] = (byte)Math.Clamp(q0 - delta, 0, 255);
    }

    /// <summary>
    /// alpha bounds the step across the edge that still counts as a seam, beta the activity on either
    /// side, tc the largest correction; tc is 0 (the edge is left alone) for steps of 2 or less.
    /// </summary>
    internal readonly record struct Thresholds(int Alpha, int Beta, int Tc)
    {
        public static Thresholds For(int step) => new(3 * step, ((3 * step) + 2) >> 2, ((3 * step) + 8) >> 4);
    }
}
