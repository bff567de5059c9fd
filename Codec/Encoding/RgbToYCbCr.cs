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
internal static partial class RgbToYCbCr
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
}
