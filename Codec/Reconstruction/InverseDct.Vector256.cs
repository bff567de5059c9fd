using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RegionCodec.Reconstruction;

internal static partial class InverseDct
{
    /// <summary>
    /// The IDCT with <see cref="Vector256{T}"/> of eight 32-bit lanes; bit-identical to
    /// <see cref="TransformScalar"/>. Same contract as <see cref="Transform"/>.
    /// </summary>
    /// <remarks>
    /// Layout: vector r_v holds coefficient row v, lane u = column u, so pass 1 runs all eight column
    /// transforms at once with the butterfly between vectors. An 8x8 transpose turns the workspace
    /// into vectors indexed by column with lanes = rows, pass 2 runs all eight row transforms at once,
    /// and a second transpose brings the samples back to row order for the byte stores.
    /// </remarks>
    public static void TransformVector256(ReadOnlySpan<short> coefficients, Span<byte> destination, int destinationStride)
    {
        ValidateArguments(coefficients, destination, destinationStride);

        (Vector256<int> r0, Vector256<int> r1) = Vector256.Widen(Vector256.Create(coefficients));
        (Vector256<int> r2, Vector256<int> r3) = Vector256.Widen(Vector256.Create(coefficients.Slice(16)));
        (Vector256<int> r4, Vector256<int> r5) = Vector256.Widen(Vector256.Create(coefficients.Slice(32)));
        (Vector256<int> r6, Vector256<int> r7) = Vector256.Widen(Vector256.Create(coefficients.Slice(48)));

        Kernel256(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        Vector256<int> round1 = Vector256.Create(1 << (Pass1Shift - 1));
        r0 = Vector256.ShiftRightArithmetic(r0 + round1, Pass1Shift);
        r1 = Vector256.ShiftRightArithmetic(r1 + round1, Pass1Shift);
        r2 = Vector256.ShiftRightArithmetic(r2 + round1, Pass1Shift);
        r3 = Vector256.ShiftRightArithmetic(r3 + round1, Pass1Shift);
        r4 = Vector256.ShiftRightArithmetic(r4 + round1, Pass1Shift);
        r5 = Vector256.ShiftRightArithmetic(r5 + round1, Pass1Shift);
        r6 = Vector256.ShiftRightArithmetic(r6 + round1, Pass1Shift);
        r7 = Vector256.ShiftRightArithmetic(r7 + round1, Pass1Shift);

        Transpose8x8(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        Kernel256(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        r0 = ToSamples256(r0);
        r1 = ToSamples256(r1);
        r2 = ToSamples256(r2);
        r3 = ToSamples256(r3);
        r4 = ToSamples256(r4);
        r5 = ToSamples256(r5);
        r6 = ToSamples256(r6);
        r7 = ToSamples256(r7);
        Transpose8x8(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);

        // Values are 0..255, so truncating narrows are exact. Each 32-byte vector holds four rows.
        Vector256<ulong> rows0123 = Vector256.Narrow(
            Vector256.Narrow(r0.AsUInt32(), r1.AsUInt32()),
            Vector256.Narrow(r2.AsUInt32(), r3.AsUInt32())).AsUInt64();
        Vector256<ulong> rows4567 = Vector256.Narrow(
            Vector256.Narrow(r4.AsUInt32(), r5.AsUInt32()),
            Vector256.Narrow(r6.AsUInt32(), r7.AsUInt32())).AsUInt64();

        // Unrolled so every element index is a constant (a register extract, not a trip through memory).
        MemoryMarshal.Write(destination.Slice(0 * destinationStride, 8), rows0123.GetElement(0));
        MemoryMarshal.Write(destination.Slice(1 * destinationStride, 8), rows0123.GetElement(1));
        MemoryMarshal.Write(destination.Slice(2 * destinationStride, 8), rows0123.GetElement(2));
        MemoryMarshal.Write(destination.Slice(3 * destinationStride, 8), rows0123.GetElement(3));
        MemoryMarshal.Write(destination.Slice(4 * destinationStride, 8), rows4567.GetElement(0));
        MemoryMarshal.Write(destination.Slice(5 * destinationStride, 8), rows4567.GetElement(1));
        MemoryMarshal.Write(destination.Slice(6 * destinationStride, 8), rows4567.GetElement(2));
        MemoryMarshal.Write(destination.Slice(7 * destinationStride, 8), rows4567.GetElement(3));
    }

    /// <summary>Lane-wise <see cref="Kernel"/>: inputs a0..a7 by frequency in, pre-descale outputs by position out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel256(
        ref Vector256<int> a0, ref Vector256<int> a1, ref Vector256<int> a2, ref Vector256<int> a3,
        ref Vector256<int> a4, ref Vector256<int> a5, ref Vector256<int> a6, ref Vector256<int> a7)
    {
        // Even part.
        Vector256<int> z1 = (a2 + a6) * Fix0_541196100;
        Vector256<int> even2 = z1 - (a6 * Fix1_847759065);
        Vector256<int> even3 = z1 + (a2 * Fix0_765366865);
        Vector256<int> even0 = Vector256.ShiftLeft(a0 + a4, ConstBits);
        Vector256<int> even1 = Vector256.ShiftLeft(a0 - a4, ConstBits);
        Vector256<int> t10 = even0 + even3;
        Vector256<int> t13 = even0 - even3;
        Vector256<int> t11 = even1 + even2;
        Vector256<int> t12 = even1 - even2;

        // Odd part.
        Vector256<int> s1 = a7 + a1;
        Vector256<int> s2 = a5 + a3;
        Vector256<int> s3 = a7 + a3;
        Vector256<int> s4 = a5 + a1;
        Vector256<int> z5 = (s3 + s4) * Fix1_175875602;
        s1 *= -Fix0_899976223;
        s2 *= -Fix2_562915447;
        s3 = (s3 * -Fix1_961570560) + z5;
        s4 = (s4 * -Fix0_390180644) + z5;
        Vector256<int> odd0 = (a7 * Fix0_298631336) + s1 + s3;
        Vector256<int> odd1 = (a5 * Fix2_053119869) + s2 + s4;
        Vector256<int> odd2 = (a3 * Fix3_072711026) + s2 + s3;
        Vector256<int> odd3 = (a1 * Fix1_501321110) + s1 + s4;

        a0 = t10 + odd3;
        a7 = t10 - odd3;
        a1 = t11 + odd2;
        a6 = t11 - odd2;
        a2 = t12 + odd1;
        a5 = t12 - odd1;
        a3 = t13 + odd0;
        a4 = t13 - odd0;
    }

    /// <summary>Pass-2 descale, level shift and clamp to 0..255, lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> ToSamples256(Vector256<int> x)
    {
        Vector256<int> v = Vector256.ShiftRightArithmetic(x + Vector256.Create(1 << (Pass2Shift - 1)), Pass2Shift)
            + Vector256.Create(128);
        return Vector256.Min(Vector256.Max(v, Vector256<int>.Zero), Vector256.Create(255));
    }

    /// <summary>Transposes the 8x8 matrix whose rows are r0..r7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(
        ref Vector256<int> r0, ref Vector256<int> r1, ref Vector256<int> r2, ref Vector256<int> r3,
        ref Vector256<int> r4, ref Vector256<int> r5, ref Vector256<int> r6, ref Vector256<int> r7)
    {
        if (!Avx2.IsSupported)
        {
            Transpose8x8Portable(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
            return;
        }

        // Interleave 32-bit pairs, then 64-bit pairs: each 128-bit half now holds a 4x4 transpose.
        Vector256<int> t0 = Avx2.UnpackLow(r0, r1);
        Vector256<int> t1 = Avx2.UnpackHigh(r0, r1);
        Vector256<int> t2 = Avx2.UnpackLow(r2, r3);
        Vector256<int> t3 = Avx2.UnpackHigh(r2, r3);
        Vector256<int> t4 = Avx2.UnpackLow(r4, r5);
        Vector256<int> t5 = Avx2.UnpackHigh(r4, r5);
        Vector256<int> t6 = Avx2.UnpackLow(r6, r7);
        Vector256<int> t7 = Avx2.UnpackHigh(r6, r7);

        // u0 = column 0 | column 4 of rows 0..3, u1 = 1 | 5, u2 = 2 | 6, u3 = 3 | 7; u4..u7 likewise for rows 4..7.
        Vector256<int> u0 = Avx2.UnpackLow(t0.AsInt64(), t2.AsInt64()).AsInt32();
        Vector256<int> u1 = Avx2.UnpackHigh(t0.AsInt64(), t2.AsInt64()).AsInt32();
        Vector256<int> u2 = Avx2.UnpackLow(t1.AsInt64(), t3.AsInt64()).AsInt32();
        Vector256<int> u3 = Avx2.UnpackHigh(t1.AsInt64(), t3.AsInt64()).AsInt32();
        Vector256<int> u4 = Avx2.UnpackLow(t4.AsInt64(), t6.AsInt64()).AsInt32();
        Vector256<int> u5 = Avx2.UnpackHigh(t4.AsInt64(), t6.AsInt64()).AsInt32();
        Vector256<int> u6 = Avx2.UnpackLow(t5.AsInt64(), t7.AsInt64()).AsInt32();
        Vector256<int> u7 = Avx2.UnpackHigh(t5.AsInt64(), t7.AsInt64()).AsInt32();

        // Join the rows-0..3 and rows-4..7 halves of each column.
        r0 = Avx2.Permute2x128(u0, u4, 0x20);
        r4 = Avx2.Permute2x128(u0, u4, 0x31);
        r1 = Avx2.Permute2x128(u1, u5, 0x20);
        r5 = Avx2.Permute2x128(u1, u5, 0x31);
        r2 = Avx2.Permute2x128(u2, u6, 0x20);
        r6 = Avx2.Permute2x128(u2, u6, 0x31);
        r3 = Avx2.Permute2x128(u3, u7, 0x20);
        r7 = Avx2.Permute2x128(u3, u7, 0x31);
    }

    /// <summary>
    /// <see cref="Transpose8x8"/> without x86 intrinsics, for platforms that accelerate
    /// <see cref="Vector256{T}"/> but lack AVX2: four 4x4 transposes of the 128-bit quarters.
    /// </summary>
    internal static void Transpose8x8Portable(
        ref Vector256<int> r0, ref Vector256<int> r1, ref Vector256<int> r2, ref Vector256<int> r3,
        ref Vector256<int> r4, ref Vector256<int> r5, ref Vector256<int> r6, ref Vector256<int> r7)
    {
        Vector128<int> a0 = r0.GetLower(), a1 = r1.GetLower(), a2 = r2.GetLower(), a3 = r3.GetLower();
        Vector128<int> b0 = r0.GetUpper(), b1 = r1.GetUpper(), b2 = r2.GetUpper(), b3 = r3.GetUpper();
        Vector128<int> c0 = r4.GetLower(), c1 = r5.GetLower(), c2 = r6.GetLower(), c3 = r7.GetLower();
        Vector128<int> d0 = r4.GetUpper(), d1 = r5.GetUpper(), d2 = r6.GetUpper(), d3 = r7.GetUpper();
        Transpose4x4(ref a0, ref a1, ref a2, ref a3);
        Transpose4x4(ref b0, ref b1, ref b2, ref b3);
        Transpose4x4(ref c0, ref c1, ref c2, ref c3);
        Transpose4x4(ref d0, ref d1, ref d2, ref d3);

        // [A B; C D]^T = [A^T C^T; B^T D^T].
        r0 = Vector256.Create(a0, c0);
        r1 = Vector256.Create(a1, c1);
        r2 = Vector256.Create(a2, c2);
        r3 = Vector256.Create(a3, c3);
        r4 = Vector256.Create(b0, d0);
        r5 = Vector256.Create(b1, d1);
        r6 = Vector256.Create(b2, d2);
        r7 = Vector256.Create(b3, d3);
    }
}
