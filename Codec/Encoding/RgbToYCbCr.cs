using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Encoding;

/// <summary>
/// Encoder-side full-range RGB to YCbCr (BT.601 / JFIF) in single precision. Not normative: the
/// results are left unrounded so the encoder can subsample and transform at full precision.
/// </summary>
/// <remarks>
/// Y  =  0.299 R       + 0.587 G       + 0.114 B
/// Cb = -0.168735892 R - 0.331264108 G + 0.5 B         + 128
/// Cr =  0.5 R         - 0.418687589 G - 0.081312411 B + 128
/// Scalar and vector paths evaluate the same products and sums in the same order, without fused
/// multiply-adds, so they give identical floats.
/// </remarks>
internal static class RgbToYCbCr
{
    private const float YR = 0.299f, YG = 0.587f, YB = 0.114f;
    private const float CbR = -0.168735892f, CbG = -0.331264108f, CbB = 0.5f;
    private const float CrR = 0.5f, CrG = -0.418687589f, CrB = -0.081312411f;
    private const float Offset = 128f;

    /// <summary>Converts <c>y.Length</c> interleaved RGB pixels to planar Y, Cb, Cr floats in 0..255.</summary>
    /// <param name="rgb">R, G, B bytes of pixel i at <c>3i</c>, <c>3i+1</c>, <c>3i+2</c>; at least <c>3 * y.Length</c> bytes.</param>
    /// <param name="y">Receives luma; its length is the pixel count.</param>
    /// <param name="cb">Receives blue-difference chroma; at least <c>y.Length</c> elements.</param>
    /// <param name="cr">Receives red-difference chroma; at least <c>y.Length</c> elements.</param>
    public static void Convert(ReadOnlySpan<byte> rgb, Span<float> y, Span<float> cb, Span<float> cr)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cb.Length, y.Length, nameof(cb));
        ArgumentOutOfRangeException.ThrowIfLessThan(cr.Length, y.Length, nameof(cr));
        if (rgb.Length < 3L * y.Length)
        {
            throw new ArgumentException("Source needs 3 bytes per pixel.", nameof(rgb));
        }

        int start = Vector256.IsHardwareAccelerated ? ConvertVector256(rgb, y, cb, cr) : 0;
        ConvertScalar(start, rgb, y, cb, cr);
    }

    /// <summary>Converts pixels <paramref name="start"/>..y.Length-1 one at a time.</summary>
    internal static void ConvertScalar(int start, ReadOnlySpan<byte> rgb, Span<float> y, Span<float> cb, Span<float> cr)
    {
        for (int i = start; i < y.Length; i++)
        {
            float r = rgb[3 * i];
            float g = rgb[(3 * i) + 1];
            float b = rgb[(3 * i) + 2];
            y[i] = (YR * r) + (YG * g) + (YB * b);
            cb[i] = (CbR * r) + (CbG * g) + (CbB * b) + Offset;
            cr[i] = (CrR * r) + (CrG * g) + (CrB * b) + Offset;
        }
    }

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
