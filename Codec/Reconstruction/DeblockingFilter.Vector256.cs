using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

internal static partial class DeblockingFilter
{
    /// <summary>
    /// The filter with pass 2 in <see cref="Vector256{T}"/> of sixteen 16-bit lanes (two neighbouring horizontal edges,
    /// each with its own thresholds, in one vector) and pass 1 as in <see cref="FilterVector128(Span{byte}, int, int, int, ReadOnlySpan{byte}, ReadOnlySpan{int})"/>; bit-identical to
    /// <see cref="FilterScalar(Span{byte}, int, int, int, ReadOnlySpan{byte}, ReadOnlySpan{int})"/>. Same contract as <see cref="Filter(Span{byte}, int, int, int, ReadOnlySpan{byte}, ReadOnlySpan{int})"/>.
    /// </summary>
    public static void FilterVector256(Span<byte> samples, int stride, int blocksWide, int blocksHigh,
        ReadOnlySpan<byte> blockRegion, ReadOnlySpan<int> stepByRegion) =>
        FilterVector256(samples, stride, blocksWide, blocksHigh, blockRegion, stepByRegion, default);

    /// <summary>The Vector256 filter with 16x16 transforms marked in <paramref name="large"/>; bit-identical to the scalar one.</summary>
    public static void FilterVector256(Span<byte> samples, int stride, int blocksWide, int blocksHigh,
        ReadOnlySpan<byte> blockRegion, ReadOnlySpan<int> stepByRegion, ReadOnlySpan<byte> large)
    {
        ValidateArguments(samples.Length, stride, blocksWide, blocksHigh);
        VerticalEdges128(samples, stride, blocksWide, blocksHigh, blockRegion, stepByRegion, large);
        HorizontalEdges256(samples, stride, blocksWide, blocksHigh, blockRegion, stepByRegion, large);
    }

    /// <summary>Pass 2, two edges (16 columns) per vector, then a last odd edge by the Vector128 code.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void HorizontalEdges256(Span<byte> samples, int stride, int blocksWide, int blocksHigh,
        ReadOnlySpan<byte> blockRegion, ReadOnlySpan<int> stepByRegion, ReadOnlySpan<byte> large)
    {
        for (int by = 1; by < blocksHigh; by++)
        {
            int above = (by - 1) * blocksWide, below = by * blocksWide;
            int q0Row = by * 8 * stride;
            int bx = 0;
            for (; bx + 1 < blocksWide; bx += 2)
            {
                // An edge inside a 16x16 transform gets tc 0: its lanes stay as they are.
                Thresholds left = IsInterior(large, below + bx, by) ? default
                    : Thresholds.For(EdgeStep(stepByRegion[blockRegion[above + bx]], stepByRegion[blockRegion[below + bx]]));
                Thresholds right = IsInterior(large, below + bx + 1, by) ? default
                    : Thresholds.For(EdgeStep(stepByRegion[blockRegion[above + bx + 1]], stepByRegion[blockRegion[below + bx + 1]]));
                if (left.Tc <= 0 && right.Tc <= 0)
                {
                    continue;
                }

                // An edge with tc <= 0 may still pass the smoothness test, but its delta is clamped to 0: unchanged, as skipped.
                int q0 = q0Row + (bx * 8);
                Vector256<short> p1 = Load16(samples, q0 - (2 * stride));
                Vector256<short> p0 = Load16(samples, q0 - stride);
                Vector256<short> q0Vector = Load16(samples, q0);
                Vector256<short> q1 = Load16(samples, q0 + stride);
                if (FilterLines256(p1, ref p0, ref q0Vector, q1, left, right))
                {
                    Store16(samples, q0 - stride, p0);
                    Store16(samples, q0, q0Vector);
                }
            }

            if (bx < blocksWide && !IsInterior(large, below + bx, by))
            {
                HorizontalEdge128(samples, stride, q0Row + (bx * 8),
                    Thresholds.For(EdgeStep(stepByRegion[blockRegion[above + bx]], stepByRegion[blockRegion[below + bx]])));
            }
        }
    }

    /// <summary>
    /// <see cref="FilterLines128"/> on 16 lines, lanes 0..7 with <paramref name="left"/>'s thresholds and 8..15 with
    /// <paramref name="right"/>'s (clamped to 0..256 for the same reasons).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FilterLines256(Vector256<short> p1, ref Vector256<short> p0, ref Vector256<short> q0, Vector256<short> q1,
        Thresholds left, Thresholds right)
    {
        Vector256<short> alpha = PerEdge(left.Alpha, right.Alpha);
        Vector256<short> beta = PerEdge(left.Beta, right.Beta);
        Vector256<short> tc = PerEdge(left.Tc, right.Tc);

        Vector256<short> d = q0 - p0;
        Vector256<short> smooth = Vector256.LessThan(Vector256.Abs(d), alpha)
            & Vector256.LessThan(Vector256.Max(Vector256.Abs(p1 - p0), Vector256.Abs(q1 - q0)), beta);
        if (smooth == Vector256<short>.Zero)
        {
            return false;
        }

        Vector256<short> delta = Vector256.ShiftRightArithmetic(Vector256.ShiftLeft(d, 2) + (p1 - q1) + Vector256.Create((short)4), 3);
        delta = Vector256.Min(Vector256.Max(delta, -tc), tc) & smooth;

        Vector256<short> max = Vector256.Create((short)255);
        p0 = Vector256.Min(Vector256.Max(p0 + delta, Vector256<short>.Zero), max);
        q0 = Vector256.Min(Vector256.Max(q0 - delta, Vector256<short>.Zero), max);
        return true;
    }

    /// <summary>Lanes 0..7 hold <paramref name="left"/>, 8..15 <paramref name="right"/>, each clamped to 0..256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> PerEdge(int left, int right) =>
        Vector256.Create(Vector128.Create((short)Math.Clamp(left, 0, 256)), Vector128.Create((short)Math.Clamp(right, 0, 256)));

    /// <summary>16 samples zero-extended to 16-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Load16(ReadOnlySpan<byte> samples, int index) =>
        Vector256.WidenLower(Vector128.Create(samples.Slice(index, 16)).ToVector256Unsafe()).AsInt16();

    /// <summary>Stores 16 lanes holding 0..255 as bytes (the truncating narrow is exact in that range).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store16(Span<byte> samples, int index, Vector256<short> values) =>
        Vector128.Narrow(values.GetLower().AsUInt16(), values.GetUpper().AsUInt16()).CopyTo(samples.Slice(index, 16));
}
