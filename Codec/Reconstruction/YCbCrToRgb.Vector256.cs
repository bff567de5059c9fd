using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

internal static partial class YCbCrToRgb
{
    /// <summary>
    /// Converts 16 pixels per step in two <see cref="Vector256{T}"/> of eight 32-bit lanes per channel;
    /// bit-identical to <see cref="ConvertScalar"/>. Same contract as <see cref="Convert"/>.
    /// </summary>
    public static void ConvertVector256(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
    {
        ValidateArguments(y, cb, cr, rgb);

        int i = 0;
        for (; i <= y.Length - 16; i += 16)
        {
            (Vector256<int> y0, Vector256<int> y1) = WidenToInt32x8(Vector128.Create(y.Slice(i, 16)));
            (Vector256<int> cb0, Vector256<int> cb1) = WidenToInt32x8(Vector128.Create(cb.Slice(i, 16)));
            (Vector256<int> cr0, Vector256<int> cr1) = WidenToInt32x8(Vector128.Create(cr.Slice(i, 16)));

            Convert8(y0, cb0, cr0, out Vector256<int> r0, out Vector256<int> g0, out Vector256<int> b0);
            Convert8(y1, cb1, cr1, out Vector256<int> r1, out Vector256<int> g1, out Vector256<int> b1);

            Interleave3(NarrowToBytes256(r0, r1), NarrowToBytes256(g0, g1), NarrowToBytes256(b0, b1), rgb.Slice(3 * i, 48));
        }

        ConvertScalarFrom(i, y, cb, cr, rgb);
    }

    /// <summary>The normative formulas, lane-wise, for eight pixels; outputs are clamped to 0..255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Convert8(
        Vector256<int> luma, Vector256<int> cb, Vector256<int> cr,
        out Vector256<int> r, out Vector256<int> g, out Vector256<int> b)
    {
        Vector256<int> bias = Vector256.Create(128);
        Vector256<int> half = Vector256.Create(Half);
        Vector256<int> cbDiff = cb - bias;
        Vector256<int> crDiff = cr - bias;
        r = Clamp256(luma + Vector256.ShiftRightArithmetic((crDiff * CrToR) + half, Shift));
        g = Clamp256(luma + Vector256.ShiftRightArithmetic((cbDiff * CbToG) + (crDiff * CrToG) + half, Shift));
        b = Clamp256(luma + Vector256.ShiftRightArithmetic((cbDiff * CbToB) + half, Shift));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Clamp256(Vector256<int> v) =>
        Vector256.Min(Vector256.Max(v, Vector256<int>.Zero), Vector256.Create(255));

    /// <summary>Zero-extends 16 bytes to two vectors of eight 32-bit lanes (pixels 0..7, 8..15).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<int> Lower, Vector256<int> Upper) WidenToInt32x8(Vector128<byte> bytes)
    {
        (Vector256<uint> lower, Vector256<uint> upper) = Vector256.Widen(Vector256.WidenLower(bytes.ToVector256Unsafe()));
        return (lower.AsInt32(), upper.AsInt32());
    }

    /// <summary>Packs two vectors of eight values in 0..255 into 16 bytes; truncation is exact in that range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> NarrowToBytes256(Vector256<int> lower, Vector256<int> upper)
    {
        Vector256<ushort> words = Vector256.Narrow(lower.AsUInt32(), upper.AsUInt32());
        return Vector128.Narrow(words.GetLower(), words.GetUpper());
    }
}
