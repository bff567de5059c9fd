using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

internal static partial class InverseDct
{
    /// <summary>
    /// The IDCT with <see cref="Vector128{T}"/> of four 32-bit lanes; bit-identical to
    /// <see cref="TransformScalar"/>. Same contract as <see cref="Transform"/>.
    /// </summary>
    /// <remarks>
    /// Layout: each coefficient row v is split into a left vector (columns 0..3) and a right vector
    /// (columns 4..7); pass 1 runs the butterfly over the eight left vectors, then over the eight right
    /// ones. Four 4x4 transposes regroup the workspace into a top half (lanes = rows 0..3) and a bottom
    /// half (lanes = rows 4..7), each eight vectors indexed by column, for pass 2. Four more transposes
    /// restore row order for the stores.
    /// </remarks>
    public static void TransformVector128(ReadOnlySpan<short> coefficients, Span<byte> destination, int destinationStride)
    {
        ValidateArguments(coefficients, destination, destinationStride);

        (Vector128<int> l0, Vector128<int> h0) = Vector128.Widen(Vector128.Create(coefficients));
        (Vector128<int> l1, Vector128<int> h1) = Vector128.Widen(Vector128.Create(coefficients.Slice(8)));
        (Vector128<int> l2, Vector128<int> h2) = Vector128.Widen(Vector128.Create(coefficients.Slice(16)));
        (Vector128<int> l3, Vector128<int> h3) = Vector128.Widen(Vector128.Create(coefficients.Slice(24)));
        (Vector128<int> l4, Vector128<int> h4) = Vector128.Widen(Vector128.Create(coefficients.Slice(32)));
        (Vector128<int> l5, Vector128<int> h5) = Vector128.Widen(Vector128.Create(coefficients.Slice(40)));
        (Vector128<int> l6, Vector128<int> h6) = Vector128.Widen(Vector128.Create(coefficients.Slice(48)));
        (Vector128<int> l7, Vector128<int> h7) = Vector128.Widen(Vector128.Create(coefficients.Slice(56)));

        // Pass 1: l_y / h_y become workspace row y, columns 0..3 / 4..7.
        Kernel128(ref l0, ref l1, ref l2, ref l3, ref l4, ref l5, ref l6, ref l7);
        Kernel128(ref h0, ref h1, ref h2, ref h3, ref h4, ref h5, ref h6, ref h7);
        Pass1Descale(ref l0, ref l1, ref l2, ref l3, ref l4, ref l5, ref l6, ref l7);
        Pass1Descale(ref h0, ref h1, ref h2, ref h3, ref h4, ref h5, ref h6, ref h7);

        // Regroup: top = rows 0..3 of columns 0..7 ([l0..l3]^T, [h0..h3]^T), bottom = rows 4..7.
        Transpose4x4(ref l0, ref l1, ref l2, ref l3);
        Transpose4x4(ref h0, ref h1, ref h2, ref h3);
        Transpose4x4(ref l4, ref l5, ref l6, ref l7);
        Transpose4x4(ref h4, ref h5, ref h6, ref h7);

        // Pass 2 on the top (l0..l3, h0..h3) and bottom (l4..l7, h4..h7) halves; outputs indexed by column x.
        Kernel128(ref l0, ref l1, ref l2, ref l3, ref h0, ref h1, ref h2, ref h3);
        Kernel128(ref l4, ref l5, ref l6, ref l7, ref h4, ref h5, ref h6, ref h7);

        // Back to rows: top-left from l0..l3, top-right from h0..h3, bottom-left from l4..l7, bottom-right from h4..h7.
        Transpose4x4(ref l0, ref l1, ref l2, ref l3);
        Transpose4x4(ref h0, ref h1, ref h2, ref h3);
        Transpose4x4(ref l4, ref l5, ref l6, ref l7);
        Transpose4x4(ref h4, ref h5, ref h6, ref h7);

        StoreRowPair128(destination, destinationStride, 0, l0, h0, l1, h1);
        StoreRowPair128(destination, destinationStride, 2, l2, h2, l3, h3);
        StoreRowPair128(destination, destinationStride, 4, l4, h4, l5, h5);
        StoreRowPair128(destination, destinationStride, 6, l6, h6, l7, h7);
    }

    /// <summary>Lane-wise <see cref="Kernel"/>: inputs a0..a7 by frequency in, pre-descale outputs by position out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel128(
        ref Vector128<int> a0, ref Vector128<int> a1, ref Vector128<int> a2, ref Vector128<int> a3,
        ref Vector128<int> a4, ref Vector128<int> a5, ref Vector128<int> a6, ref Vector128<int> a7)
    {
        // Even part.
        Vector128<int> z1 = (a2 + a6) * Fix0_541196100;
        Vector128<int> even2 = z1 - (a6 * Fix1_847759065);
        Vector128<int> even3 = z1 + (a2 * Fix0_765366865);
        Vector128<int> even0 = Vector128.ShiftLeft(a0 + a4, ConstBits);
        Vector128<int> even1 = Vector128.ShiftLeft(a0 - a4, ConstBits);
        Vector128<int> t10 = even0 + even3;
        Vector128<int> t13 = even0 - even3;
        Vector128<int> t11 = even1 + even2;
        Vector128<int> t12 = even1 - even2;

        // Odd part.
        Vector128<int> s1 = a7 + a1;
        Vector128<int> s2 = a5 + a3;
        Vector128<int> s3 = a7 + a3;
        Vector128<int> s4 = a5 + a1;
        Vector128<int> z5 = (s3 + s4) * Fix1_175875602;
        s1 *= -Fix0_899976223;
        s2 *= -Fix2_562915447;
        s3 = (s3 * -Fix1_961570560) + z5;
        s4 = (s4 * -Fix0_390180644) + z5;
        Vector128<int> odd0 = (a7 * Fix0_298631336) + s1 + s3;
        Vector128<int> odd1 = (a5 * Fix2_053119869) + s2 + s4;
        Vector128<int> odd2 = (a3 * Fix3_072711026) + s2 + s3;
        Vector128<int> odd3 = (a1 * Fix1_501321110) + s1 + s4;

        a0 = t10 + odd3;
        a7 = t10 - odd3;
        a1 = t11 + odd2;
        a6 = t11 - odd2;
        a2 = t12 + odd1;
        a5 = t12 - odd1;
        a3 = t13 + odd0;
        a4 = t13 - odd0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pass1Descale(
        ref Vector128<int> a0, ref Vector128<int> a1, ref Vector128<int> a2, ref Vector128<int> a3,
        ref Vector128<int> a4, ref Vector128<int> a5, ref Vector128<int> a6, ref Vector128<int> a7)
    {
        Vector128<int> round = Vector128.Create(1 << (Pass1Shift - 1));
        a0 = Vector128.ShiftRightArithmetic(a0 + round, Pass1Shift);
        a1 = Vector128.ShiftRightArithmetic(a1 + round, Pass1Shift);
        a2 = Vector128.ShiftRightArithmetic(a2 + round, Pass1Shift);
        a3 = Vector128.ShiftRightArithmetic(a3 + round, Pass1Shift);
        a4 = Vector128.ShiftRightArithmetic(a4 + round, Pass1Shift);
        a5 = Vector128.ShiftRightArithmetic(a5 + round, Pass1Shift);
        a6 = Vector128.ShiftRightArithmetic(a6 + round, Pass1Shift);
        a7 = Vector128.ShiftRightArithmetic(a7 + round, Pass1Shift);
    }

    /// <summary>Pass-2 descale, level shift and clamp to 0..255, lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> ToSamples128(Vector128<int> x)
    {
        Vector128<int> v = Vector128.ShiftRightArithmetic(x + Vector128.Create(1 << (Pass2Shift - 1)), Pass2Shift)
            + Vector128.Create(128);
        return Vector128.Min(Vector128.Max(v, Vector128<int>.Zero), Vector128.Create(255));
    }

    /// <summary>Finishes rows <paramref name="y"/> and y+1 (left/right halves of each) and stores their 16 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRowPair128(
        Span<byte> destination, int stride, int y,
        Vector128<int> left0, Vector128<int> right0, Vector128<int> left1, Vector128<int> right1)
    {
        // Values are 0..255 after ToSamples128, so truncating narrows are exact.
        Vector128<ulong> bytes = Vector128.Narrow(
            Vector128.Narrow(ToSamples128(left0).AsUInt32(), ToSamples128(right0).AsUInt32()),
            Vector128.Narrow(ToSamples128(left1).AsUInt32(), ToSamples128(right1).AsUInt32())).AsUInt64();
        MemoryMarshal.Write(destination.Slice(y * stride, 8), bytes.GetElement(0));
        MemoryMarshal.Write(destination.Slice((y + 1) * stride, 8), bytes.GetElement(1));
    }

    /// <summary>
    /// Transposes the 4x4 matrix whose rows are r0..r3, with portable shuffles and blends only
    /// (single-instruction shuffles on x86 and Arm with constant indices).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose4x4(ref Vector128<int> r0, ref Vector128<int> r1, ref Vector128<int> r2, ref Vector128<int> r3)
    {
        Vector128<int> evenLanes = Vector128.Create(-1, 0, -1, 0);
        Vector128<int> lowPair = Vector128.Create(-1, -1, 0, 0);

        // 2x2 blocks of 32-bit elements: t0 = (r0[0] r1[0] r0[2] r1[2]), t1 = (r0[1] r1[1] r0[3] r1[3]), etc.
        Vector128<int> t0 = Vector128.ConditionalSelect(evenLanes, r0, Vector128.Shuffle(r1, Vector128.Create(0, 0, 2, 2)));
        Vector128<int> t1 = Vector128.ConditionalSelect(evenLanes, Vector128.Shuffle(r0, Vector128.Create(1, 1, 3, 3)), r1);
        Vector128<int> t2 = Vector128.ConditionalSelect(evenLanes, r2, Vector128.Shuffle(r3, Vector128.Create(0, 0, 2, 2)));
        Vector128<int> t3 = Vector128.ConditionalSelect(evenLanes, Vector128.Shuffle(r2, Vector128.Create(1, 1, 3, 3)), r3);

        // 2x2 blocks of 64-bit pairs.
        r0 = Vector128.ConditionalSelect(lowPair, t0, Vector128.Shuffle(t2, Vector128.Create(0, 1, 0, 1)));
        r1 = Vector128.ConditionalSelect(lowPair, t1, Vector128.Shuffle(t3, Vector128.Create(0, 1, 0, 1)));
        r2 = Vector128.ConditionalSelect(lowPair, Vector128.Shuffle(t0, Vector128.Create(2, 3, 2, 3)), t2);
        r3 = Vector128.ConditionalSelect(lowPair, Vector128.Shuffle(t1, Vector128.Create(2, 3, 2, 3)), t3);
    }
}
