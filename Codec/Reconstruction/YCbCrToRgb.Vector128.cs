using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

internal static partial class YCbCrToRgb
{
    /// <summary>
    /// Converts 16 pixels per step in four <see cref="Vector128{T}"/> of four 32-bit lanes per channel;
    /// bit-identical to <see cref="ConvertScalar"/>. Same contract as <see cref="Convert"/>.
    /// </summary>
    public static void ConvertVector128(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
    {
        ValidateArguments(y, cb, cr, rgb);

        int i = 0;
        for (; i <= y.Length - 16; i += 16)
        {
            (Vector128<int> y0, Vector128<int> y1, Vector128<int> y2, Vector128<int> y3) = WidenToInt32x4(Vector128.Create(y.Slice(i, 16)));
            (Vector128<int> cb0, Vector128<int> cb1, Vector128<int> cb2, Vector128<int> cb3) = WidenToInt32x4(Vector128.Create(cb.Slice(i, 16)));
            (Vector128<int> cr0, Vector128<int> cr1, Vector128<int> cr2, Vector128<int> cr3) = WidenToInt32x4(Vector128.Create(cr.Slice(i, 16)));

            Convert4(y0, cb0, cr0, out Vector128<int> r0, out Vector128<int> g0, out Vector128<int> b0);
            Convert4(y1, cb1, cr1, out Vector128<int> r1, out Vector128<int> g1, out Vector128<int> b1);
            Convert4(y2, cb2, cr2, out Vector128<int> r2, out Vector128<int> g2, out Vector128<int> b2);
            Convert4(y3, cb3, cr3, out Vector128<int> r3, out Vector128<int> g3, out Vector128<int> b3);

            Interleave3(
                NarrowToBytes128(r0, r1, r2, r3),
                NarrowToBytes128(g0, g1, g2, g3),
                NarrowToBytes128(b0, b1, b2, b3),
                rgb.Slice(3 * i, 48));
        }

        ConvertScalarFrom(i, y, cb, cr, rgb);
    }

    /// <summary>The normative formulas, lane-wise, for four pixels; outputs are clamped to 0..255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Convert4(
        Vector128<int> luma, Vector128<int> cb, Vector128<int> cr,
        out Vector128<int> r, out Vector128<int> g, out Vector128<int> b)
    {
        Vector128<int> bias = Vector128.Create(128);
        Vector128<int> half = Vector128.Create(Half);
        Vector128<int> cbDiff = cb - bias;
        Vector128<int> crDiff = cr - bias;
        r = Clamp128(luma + Vector128.ShiftRightArithmetic((crDiff * CrToR) + half, Shift));
        g = Clamp128(luma + Vector128.ShiftRightArithmetic((cbDiff * CbToG) + (crDiff * CrToG) + half, Shift));
        b = Clamp128(luma + Vector128.ShiftRightArithmetic((cbDiff * CbToB) + half, Shift));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Clamp128(Vector128<int> v) =>
        Vector128.Min(Vector128.Max(v, Vector128<int>.Zero), Vector128.Create(255));

    /// <summary>Zero-extends 16 bytes to four vectors of four 32-bit lanes, in pixel order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<int>, Vector128<int>, Vector128<int>, Vector128<int>) WidenToInt32x4(Vector128<byte> bytes)
    {
        (Vector128<ushort> lower, Vector128<ushort> upper) = Vector128.Widen(bytes);
        (Vector128<uint> v0, Vector128<uint> v1) = Vector128.Widen(lower);
        (Vector128<uint> v2, Vector128<uint> v3) = Vector128.Widen(upper);
        return (v0.AsInt32(), v1.AsInt32(), v2.AsInt32(), v3.AsInt32());
    }

    /// <summary>Packs four vectors of values in 0..255 into 16 bytes; truncation is exact in that range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> NarrowToBytes128(Vector128<int> v0, Vector128<int> v1, Vector128<int> v2, Vector128<int> v3) =>
        Vector128.Narrow(
            Vector128.Narrow(v0.AsUInt32(), v1.AsUInt32()),
            Vector128.Narrow(v2.AsUInt32(), v3.AsUInt32()));

    /// <summary>
    /// Writes 16 pixels of planar R, G, B as 48 interleaved bytes. Each output vector gathers its bytes
    /// from the three planes with constant shuffles; index 0xFF selects zero, so the three parts OR together.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Interleave3(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, Span<byte> destination)
    {
        const byte Z = 0xFF;
        Vector128<byte> out0 =
            Vector128.Shuffle(r, Vector128.Create(0, Z, Z, 1, Z, Z, 2, Z, Z, 3, Z, Z, 4, Z, Z, (byte)5))
            | Vector128.Shuffle(g, Vector128.Create(Z, 0, Z, Z, 1, Z, Z, 2, Z, Z, 3, Z, Z, 4, Z, Z))
            | Vector128.Shuffle(b, Vector128.Create(Z, Z, 0, Z, Z, 1, Z, Z, 2, Z, Z, 3, Z, Z, 4, Z));
        Vector128<byte> out1 =
            Vector128.Shuffle(r, Vector128.Create(Z, Z, 6, Z, Z, 7, Z, Z, 8, Z, Z, 9, Z, Z, 10, Z))
            | Vector128.Shuffle(g, Vector128.Create(5, Z, Z, 6, Z, Z, 7, Z, Z, 8, Z, Z, 9, Z, Z, (byte)10))
            | Vector128.Shuffle(b, Vector128.Create(Z, 5, Z, Z, 6, Z, Z, 7, Z, Z, 8, Z, Z, 9, Z, Z));
        Vector128<byte> out2 =
            Vector128.Shuffle(r, Vector128.Create(Z, 11, Z, Z, 12, Z, Z, 13, Z, Z, 14, Z, Z, 15, Z, Z))
            | Vector128.Shuffle(g, Vector128.Create(Z, Z, 11, Z, Z, 12, Z, Z, 13, Z, Z, 14, Z, Z, 15, Z))
            | Vector128.Shuffle(b, Vector128.Create(10, Z, Z, 11, Z, Z, 12, Z, Z, 13, Z, Z, 14, Z, Z, (byte)15));
        out0.CopyTo(destination);
        out1.CopyTo(destination[16..]);
        out2.CopyTo(destination[32..]);
    }
}
