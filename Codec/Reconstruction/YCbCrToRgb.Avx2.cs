using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RegionCodec.Reconstruction;

internal static partial class YCbCrToRgb
{
    /// <summary>
    /// Converts 32 pixels per step in <see cref="Vector256{T}"/> of sixteen 16-bit lanes (<see cref="Convert16"/>);
    /// bit-identical to <see cref="ConvertScalar"/>. Same contract as <see cref="Convert"/>. Needs AVX2.
    /// </summary>
    public static void ConvertAvx2(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
    {
        ValidateArguments(y, cb, cr, rgb);
        int i = 0;
        for (; i <= y.Length - 32; i += 32)
        {
            // In-lane unpacks with zero: lo = pixels 0-7 | 16-23, hi = 8-15 | 24-31; packing lo with hi restores the order.
            Vector256<byte> yBytes = Vector256.Create(y.Slice(i, 32));
            Vector256<byte> cbBytes = Vector256.Create(cb.Slice(i, 32));
            Vector256<byte> crBytes = Vector256.Create(cr.Slice(i, 32));
            Convert16(Avx2.UnpackLow(yBytes, Vector256<byte>.Zero).AsInt16(), Avx2.UnpackLow(cbBytes, Vector256<byte>.Zero).AsInt16(),
                Avx2.UnpackLow(crBytes, Vector256<byte>.Zero).AsInt16(), out Vector256<short> rLo, out Vector256<short> gLo, out Vector256<short> bLo);
            Convert16(Avx2.UnpackHigh(yBytes, Vector256<byte>.Zero).AsInt16(), Avx2.UnpackHigh(cbBytes, Vector256<byte>.Zero).AsInt16(),
                Avx2.UnpackHigh(crBytes, Vector256<byte>.Zero).AsInt16(), out Vector256<short> rHi, out Vector256<short> gHi, out Vector256<short> bHi);
            Interleave3x32(Avx2.PackUnsignedSaturate(rLo, rHi), Avx2.PackUnsignedSaturate(gLo, gHi), Avx2.PackUnsignedSaturate(bLo, bHi), rgb.Slice(3 * i, 96));
        }

        ConvertScalarFrom(i, y, cb, cr, rgb);
    }

    /// <summary>Writes 32 pixels of planar R, G, B (in order) as 96 interleaved bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Interleave3x32(Vector256<byte> r, Vector256<byte> g, Vector256<byte> b, Span<byte> destination)
    {
        Interleave3(r.GetLower(), g.GetLower(), b.GetLower(), destination);
        Interleave3(r.GetUpper(), g.GetUpper(), b.GetUpper(), destination[48..]);
    }

    /// <summary>
    /// §10.3 in 16-bit lanes, exactly, for 16 pixels: each 17-bit constant is split into a multiple of 65536 (whole cb'
    /// or cr') and a 16-bit remainder k, whose rounded product (k·x + 32768) >> 16 is the high half plus the low half's
    /// top bit; G's two products are summed in 32 bits (multiply-add of cb', cr' pairs) before rounding. Outputs are
    /// unclamped (-256..511); a saturating pack to bytes is the clamp.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Convert16(Vector256<short> luma, Vector256<short> cb, Vector256<short> cr,
        out Vector256<short> r, out Vector256<short> g, out Vector256<short> b)
    {
        Vector256<short> bias = Vector256.Create((short)128);
        Vector256<short> cbDiff = cb - bias, crDiff = cr - bias;

        // 91881 = 65536 + 26345; 116130 = 2·65536 − 14942; −46802 = −65536 + 18734.
        r = luma + crDiff + RoundedProduct(crDiff, Vector256.Create((short)26345));
        b = luma + (cbDiff + cbDiff) + RoundedProduct(cbDiff, Vector256.Create((short)-14942));

        // Each 32-bit lane holds the pair (cb weight, cr weight) as its low and high 16 bits.
        Vector256<short> weights = Vector256.Create((18734 << 16) | (65536 - 22554)).AsInt16();
        Vector256<int> half = Vector256.Create(1 << 15);
        Vector256<int> sumLo = Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(cbDiff, crDiff), weights) + half;
        Vector256<int> sumHi = Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(cbDiff, crDiff), weights) + half;
        g = luma - crDiff + Avx2.PackSignedSaturate(Vector256.ShiftRightArithmetic(sumLo, 16), Vector256.ShiftRightArithmetic(sumHi, 16));
    }

    /// <summary>(k·x + 32768) >> 16 for 16-bit k and x, exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> RoundedProduct(Vector256<short> x, Vector256<short> k) =>
        Avx2.MultiplyHigh(x, k) + Vector256.ShiftRightLogical(Avx2.MultiplyLow(x, k), 15);
}
