using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

internal static partial class DeblockingFilter
{
    /// <summary>A byte-shuffle index that selects zero.</summary>
    private const byte Zero = 0xFF;

    /// <summary>
    /// The filter with <see cref="Vector128{T}"/> of eight 16-bit lanes, one lane per line; bit-identical
    /// to <see cref="FilterScalar(Span{byte}, int, int, int, ReadOnlySpan{byte}, ReadOnlySpan{int}, ReadOnlySpan{byte})"/>. Same contract as <see cref="Filter(Span{byte}, int, int, int, ReadOnlySpan{byte}, ReadOnlySpan{int}, ReadOnlySpan{byte})"/>.
    /// </summary>
    /// <remarks>
    /// Samples are 0..255, so every intermediate of <see cref="FilterAcross"/> (at most 4·255 + 255 + 4 in
    /// magnitude) fits in 16 bits. Pass 1 gathers the 4 bytes around an edge from each of its 8 rows and
    /// transposes them into p1, p0, q0 and q1 vectors; pass 2 loads 16 columns (two edges) or 8 columns of
    /// its 4 rows directly. Like the scalar path, both write only p0 and q0, so the order of the edges within
    /// a pass does not matter (spec/rsg.md §10.5).
    /// </remarks>
    public static void FilterVector128(Span<byte> samples, int stride, int blocksWide, int blocksHigh,
        ReadOnlySpan<byte> blockRegion, ReadOnlySpan<int> stepByRegion) =>
        FilterVector128(samples, stride, blocksWide, blocksHigh, blockRegion, stepByRegion, default);

    /// <summary>The Vector128 filter with 16x16 transforms marked in <paramref name="large"/>; bit-identical to the scalar one.</summary>
    public static void FilterVector128(Span<byte> samples, int stride, int blocksWide, int blocksHigh,
        ReadOnlySpan<byte> blockRegion, ReadOnlySpan<int> stepByRegion, ReadOnlySpan<byte> large)
    {
        ValidateArguments(samples.Length, stride, blocksWide, blocksHigh);
        VerticalEdges128(samples, stride, blocksWide, blocksHigh, blockRegion, stepByRegion, large);
        HorizontalEdges128(samples, stride, blocksWide, blocksHigh, blockRegion, stepByRegion, large);
    }

    /// <summary>
    /// Pass 1: the edge between blocks (bx − 1, by) and (bx, by), its 8 lines (rows) at once. Not inlined
    /// (nor is pass 2): as one method the two passes compile to slower code.
    /// </summary>
    /// <remarks>
    /// The 16 gathers and scatters per edge read and write through <see cref="Unsafe"/> without bounds
    /// checks (a quarter of this pass's time); <see cref="ValidateArguments"/> has checked that the whole
    /// plane lies inside <paramref name="samples"/>, and every access is inside the plane.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void VerticalEdges128(Span<byte> samples, int stride, int blocksWide, int blocksHigh,
        ReadOnlySpan<byte> blockRegion, ReadOnlySpan<int> stepByRegion, ReadOnlySpan<byte> large)
    {
        ref byte origin = ref MemoryMarshal.GetReference(samples);
        for (int by = 0; by < blocksHigh && blocksWide > 1; by++)
        {
            int rowStart = by * blocksWide;
            int stepP = stepByRegion[blockRegion[rowStart]];
            for (int bx = 1; bx < blocksWide; bx++)
            {
                int stepQ = stepByRegion[blockRegion[rowStart + bx]];
                Thresholds t = Thresholds.For(EdgeStep(stepP, stepQ));
                stepP = stepQ;
                if (t.Tc <= 0 || IsInterior(large, rowStart + bx, bx))
                {
                    continue;
                }

                // Row r of the edge has p1 p0 q0 q1 at p1Index + r·stride (columns 8·bx − 2 … 8·bx + 1, all in the plane).
                nint p1Index = (by * 8 * stride) + (bx * 8) - 2;
                nint pitch = stride;
                Vector128<byte> top = Vector128.Create(
                    Read32(ref origin, p1Index), Read32(ref origin, p1Index + pitch),
                    Read32(ref origin, p1Index + (2 * pitch)), Read32(ref origin, p1Index + (3 * pitch))).AsByte();
                Vector128<byte> bottom = Vector128.Create(
                    Read32(ref origin, p1Index + (4 * pitch)), Read32(ref origin, p1Index + (5 * pitch)),
                    Read32(ref origin, p1Index + (6 * pitch)), Read32(ref origin, p1Index + (7 * pitch))).AsByte();

                // Transpose: 32-bit lane r of `top` holds row r's bytes p1 p0 q0 q1 (rows 0..3), of `bottom` row 4 + r.
                // Two byte shuffles (index 0xFF gives 0) and an OR collect p1 of rows 0..7 in bytes 0..7 and p0 in
                // bytes 8..15, two more q0 and q1; widening splits each into two vectors of eight 16-bit lanes.
                // The index vectors are written at the calls so the JIT sees constants (one pshufb each on x86).
                Vector128<byte> p1p0 =
                    Vector128.Shuffle(top, Vector128.Create((byte)0, 4, 8, 12, Zero, Zero, Zero, Zero, 1, 5, 9, 13, Zero, Zero, Zero, Zero))
                    | Vector128.Shuffle(bottom, Vector128.Create(Zero, Zero, Zero, Zero, 0, 4, 8, 12, Zero, Zero, Zero, Zero, 1, 5, 9, 13));
                Vector128<byte> q0q1 =
                    Vector128.Shuffle(top, Vector128.Create((byte)2, 6, 10, 14, Zero, Zero, Zero, Zero, 3, 7, 11, 15, Zero, Zero, Zero, Zero))
                    | Vector128.Shuffle(bottom, Vector128.Create(Zero, Zero, Zero, Zero, 2, 6, 10, 14, Zero, Zero, Zero, Zero, 3, 7, 11, 15));
                (Vector128<ushort> p1, Vector128<ushort> p0) = Vector128.Widen(p1p0);
                (Vector128<ushort> q0, Vector128<ushort> q1) = Vector128.Widen(q0q1);

                Vector128<short> p0New = p0.AsInt16(), q0New = q0.AsInt16();
                if (!FilterLines128(p1.AsInt16(), ref p0New, ref q0New, q1.AsInt16(), t))
                {
                    continue;
                }

                // Back to rows: narrow to p0 of rows 0..7 | q0 of rows 0..7, interleave into one (p0, q0) byte pair
                // per row, and store each pair at columns 8·bx − 1, 8·bx of its row (p1 and q1 are not written).
                Vector128<ushort> pairs = Vector128.Shuffle(
                    Vector128.Narrow(p0New.AsUInt16(), q0New.AsUInt16()),
                    Vector128.Create((byte)0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15)).AsUInt16();
                nint p0Index = p1Index + 1;
                Write16(ref origin, p0Index, pairs.GetElement(0));
                Write16(ref origin, p0Index + pitch, pairs.GetElement(1));
                Write16(ref origin, p0Index + (2 * pitch), pairs.GetElement(2));
                Write16(ref origin, p0Index + (3 * pitch), pairs.GetElement(3));
                Write16(ref origin, p0Index + (4 * pitch), pairs.GetElement(4));
                Write16(ref origin, p0Index + (5 * pitch), pairs.GetElement(5));
                Write16(ref origin, p0Index + (6 * pitch), pairs.GetElement(6));
                Write16(ref origin, p0Index + (7 * pitch), pairs.GetElement(7));
            }
        }
    }

    /// <summary>
    /// Pass 2: the edge between blocks (bx, by − 1) and (bx, by), whose 8 lines are 8 adjacent columns:
    /// two neighbouring edges (16 columns) at a time, then a last odd edge alone.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void HorizontalEdges128(Span<byte> samples, int stride, int blocksWide, int blocksHigh,
        ReadOnlySpan<byte> blockRegion, ReadOnlySpan<int> stepByRegion, ReadOnlySpan<byte> large)
    {
        for (int by = 1; by < blocksHigh; by++)
        {
            int above = (by - 1) * blocksWide, below = by * blocksWide;
            int q0Row = by * 8 * stride;
            int bx = 0;
            for (; bx + 1 < blocksWide; bx += 2)
            {
                bool interior = IsInterior(large, below + bx, by);
                Thresholds left = interior ? default : Thresholds.For(EdgeStep(stepByRegion[blockRegion[above + bx]], stepByRegion[blockRegion[below + bx]]));
                Thresholds right = IsInterior(large, below + bx + 1, by) ? default
                    : Thresholds.For(EdgeStep(stepByRegion[blockRegion[above + bx + 1]], stepByRegion[blockRegion[below + bx + 1]]));
                if (left.Tc <= 0 && right.Tc <= 0)
                {
                    continue;
                }

                int q0 = q0Row + (bx * 8);
                (Vector128<ushort> p1Left, Vector128<ushort> p1Right) = Vector128.Widen(Vector128.Create((ReadOnlySpan<byte>)samples.Slice(q0 - (2 * stride), 16)));
                (Vector128<ushort> p0Left, Vector128<ushort> p0Right) = Vector128.Widen(Vector128.Create((ReadOnlySpan<byte>)samples.Slice(q0 - stride, 16)));
                (Vector128<ushort> q0Left, Vector128<ushort> q0Right) = Vector128.Widen(Vector128.Create((ReadOnlySpan<byte>)samples.Slice(q0, 16)));
                (Vector128<ushort> q1Left, Vector128<ushort> q1Right) = Vector128.Widen(Vector128.Create((ReadOnlySpan<byte>)samples.Slice(q0 + stride, 16)));

                // An edge with tc <= 0 is skipped, like the scalar path; its lanes keep their values.
                Vector128<short> p0NewLeft = p0Left.AsInt16(), q0NewLeft = q0Left.AsInt16();
                Vector128<short> p0NewRight = p0Right.AsInt16(), q0NewRight = q0Right.AsInt16();
                bool changedLeft = left.Tc > 0 && FilterLines128(p1Left.AsInt16(), ref p0NewLeft, ref q0NewLeft, q1Left.AsInt16(), left);
                bool changedRight = right.Tc > 0 && FilterLines128(p1Right.AsInt16(), ref p0NewRight, ref q0NewRight, q1Right.AsInt16(), right);
                if (changedLeft | changedRight)
                {
                    Vector128.Narrow(p0NewLeft.AsUInt16(), p0NewRight.AsUInt16()).CopyTo(samples.Slice(q0 - stride, 16));
                    Vector128.Narrow(q0NewLeft.AsUInt16(), q0NewRight.AsUInt16()).CopyTo(samples.Slice(q0, 16));
                }
            }

            if (bx < blocksWide)
            {
                if (!IsInterior(large, below + bx, by))
                {
                    HorizontalEdge128(samples, stride, q0Row + (bx * 8),
                        Thresholds.For(EdgeStep(stepByRegion[blockRegion[above + bx]], stepByRegion[blockRegion[below + bx]])));
                }
            }
        }
    }

    /// <summary>One horizontal edge's 8 columns, q0 of the first at <paramref name="q0"/>; nothing when tc &lt;= 0.</summary>
    private static void HorizontalEdge128(Span<byte> samples, int stride, int q0, Thresholds t)
    {
        if (t.Tc <= 0)
        {
            return;
        }

        Vector128<short> p1 = Load8(samples, q0 - (2 * stride));
        Vector128<short> p0 = Load8(samples, q0 - stride);
        Vector128<short> q0Vector = Load8(samples, q0);
        Vector128<short> q1 = Load8(samples, q0 + stride);
        if (FilterLines128(p1, ref p0, ref q0Vector, q1, t))
        {
            Store8(samples, q0 - stride, p0);
            Store8(samples, q0, q0Vector);
        }
    }

    /// <summary>
    /// <see cref="FilterAcross"/> on 8 lines at once, samples 0..255 in 16-bit lanes: replaces
    /// <paramref name="p0"/> and <paramref name="q0"/> by their filtered values. Returns false, changing
    /// nothing, when no line passes the thresholds, so the caller may skip its stores.
    /// </summary>
    /// <remarks>
    /// The thresholds are clamped to 0..256 to fit 16 bits, which changes no comparison and no clamp:
    /// |d|, |p1 − p0| and |q1 − q0| are at most 255 (a threshold at or below 0 rejects every line either
    /// way), and the unclamped delta is at most 159 in magnitude.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FilterLines128(Vector128<short> p1, ref Vector128<short> p0, ref Vector128<short> q0, Vector128<short> q1, Thresholds t)
    {
        Vector128<short> alpha = Vector128.Create((short)Math.Clamp(t.Alpha, 0, 256));
        Vector128<short> beta = Vector128.Create((short)Math.Clamp(t.Beta, 0, 256));
        Vector128<short> tc = Vector128.Create((short)Math.Clamp(t.Tc, 0, 256));

        // A line is filtered when |d| < alpha, |p1 − p0| < beta and |q1 − q0| < beta.
        Vector128<short> d = q0 - p0;
        Vector128<short> smooth = Vector128.LessThan(Vector128.Abs(d), alpha)
            & Vector128.LessThan(Vector128.Max(Vector128.Abs(p1 - p0), Vector128.Abs(q1 - q0)), beta);
        if (smooth == Vector128<short>.Zero)
        {
            return false;
        }

        // delta = clamp((4d + p1 − q1 + 4) >> 3, −tc, tc) with a floor (arithmetic) shift; 0 on the other lines.
        Vector128<short> delta = Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(d, 2) + (p1 - q1) + Vector128.Create((short)4), 3);
        delta = Vector128.Min(Vector128.Max(delta, -tc), tc) & smooth;

        Vector128<short> max = Vector128.Create((short)255);
        p0 = Vector128.Min(Vector128.Max(p0 + delta, Vector128<short>.Zero), max);
        q0 = Vector128.Min(Vector128.Max(q0 - delta, Vector128<short>.Zero), max);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Read32(ref byte origin, nint index) => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref origin, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write16(ref byte origin, nint index, ushort pair) => Unsafe.WriteUnaligned(ref Unsafe.Add(ref origin, index), pair);

    /// <summary>8 samples zero-extended to 16-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> Load8(ReadOnlySpan<byte> samples, int index) =>
        Vector128.WidenLower(Vector128.CreateScalar(MemoryMarshal.Read<ulong>(samples.Slice(index, 8))).AsByte()).AsInt16();

    /// <summary>Stores 8 lanes holding 0..255 as bytes (the truncating narrow is exact in that range).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store8(Span<byte> samples, int index, Vector128<short> values) =>
        MemoryMarshal.Write(samples.Slice(index, 8), Vector128.Narrow(values.AsUInt16(), values.AsUInt16()).AsUInt64().ToScalar());
}
