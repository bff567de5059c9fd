using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Encoding;

internal static partial class RgbToYCbCr
{
    /// <summary>
    /// Converts whole groups of 16 pixels: 48 bytes are split into R, G, B planes with constant
    /// shuffles, widened to float and converted eight lanes at a time. Returns the pixels done.
    /// </summary>
    internal static int ConvertVector256(ReadOnlySpan<byte> rgb, Span<float> y, Span<float> cb, Span<float> cr)
    {
        int i = 0;
        for (; i <= y.Length - 16; i += 16)
        {
            ReadOnlySpan<byte> source = rgb.Slice(3 * i, 48);
            Deinterleave3(
                Vector128.Create(source), Vector128.Create(source[16..]), Vector128.Create(source[32..]),
                out Vector128<byte> r, out Vector128<byte> g, out Vector128<byte> b);
            (Vector256<float> r0, Vector256<float> r1) = WidenToSingle(r);
            (Vector256<float> g0, Vector256<float> g1) = WidenToSingle(g);
            (Vector256<float> b0, Vector256<float> b1) = WidenToSingle(b);
            Convert8(r0, g0, b0, y.Slice(i, 8), cb.Slice(i, 8), cr.Slice(i, 8));
            Convert8(r1, g1, b1, y.Slice(i + 8, 8), cb.Slice(i + 8, 8), cr.Slice(i + 8, 8));
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Convert8(Vector256<float> r, Vector256<float> g, Vector256<float> b, Span<float> y, Span<float> cb, Span<float> cr)
    {
        Vector256<float> offset = Vector256.Create(Offset);
        ((r * YR) + (g * YG) + (b * YB)).CopyTo(y);
        ((r * CbR) + (g * CbG) + (b * CbB) + offset).CopyTo(cb);
        ((r * CrR) + (g * CrG) + (b * CrB) + offset).CopyTo(cr);
    }

    /// <summary>Converts 16 bytes to two vectors of eight floats (pixels 0..7, 8..15).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Lower, Vector256<float> Upper) WidenToSingle(Vector128<byte> bytes)
    {
        (Vector256<uint> lower, Vector256<uint> upper) = Vector256.Widen(Vector256.WidenLower(bytes.ToVector256Unsafe()));
        return (Vector256.ConvertToSingle(lower.AsInt32()), Vector256.ConvertToSingle(upper.AsInt32()));
    }

    /// <summary>
    /// Splits 48 interleaved bytes (16 pixels) into R, G, B planes. Each plane gathers its bytes from
    /// the three inputs with constant shuffles; index 0xFF selects zero, so the three parts OR together.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Deinterleave3(
        Vector128<byte> in0, Vector128<byte> in1, Vector128<byte> in2,
        out Vector128<byte> r, out Vector128<byte> g, out Vector128<byte> b)
    {
        const byte Z = 0xFF;
        r = Vector128.Shuffle(in0, Vector128.Create(0, 3, 6, 9, 12, 15, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z))
            | Vector128.Shuffle(in1, Vector128.Create(Z, Z, Z, Z, Z, Z, 2, 5, 8, 11, 14, Z, Z, Z, Z, Z))
            | Vector128.Shuffle(in2, Vector128.Create(Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, 1, 4, 7, 10, (byte)13));
        g = Vector128.Shuffle(in0, Vector128.Create(1, 4, 7, 10, 13, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z))
            | Vector128.Shuffle(in1, Vector128.Create(Z, Z, Z, Z, Z, 0, 3, 6, 9, 12, 15, Z, Z, Z, Z, Z))
            | Vector128.Shuffle(in2, Vector128.Create(Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, 2, 5, 8, 11, (byte)14));
        b = Vector128.Shuffle(in0, Vector128.Create(2, 5, 8, 11, 14, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z))
            | Vector128.Shuffle(in1, Vector128.Create(Z, Z, Z, Z, Z, 1, 4, 7, 10, 13, Z, Z, Z, Z, Z, Z))
            | Vector128.Shuffle(in2, Vector128.Create(Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, 0, 3, 6, 9, 12, (byte)15));
    }
}
