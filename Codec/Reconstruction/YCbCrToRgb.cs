using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

/// <summary>
/// The codec's normative full-range YCbCr to RGB conversion (spec/rsg.md §10.3): BT.601 / JFIF
/// coefficients in 16-bit fixed point, rounded, with an arithmetic shift and a clamp to 0..255.
/// </summary>
/// <remarks>
/// With cb' = Cb - 128 and cr' = Cr - 128:
///   R = clamp(Y + ((91881·cr' + 32768) >> 16))
///   G = clamp(Y + ((-22554·cb' - 46802·cr' + 32768) >> 16))
///   B = clamp(Y + ((116130·cb' + 32768) >> 16))
/// No intermediate exceeds 2^24 in magnitude, so 32-bit arithmetic is exact. All paths are
/// bit-identical; the test suite checks every one of the 2^24 inputs.
/// </remarks>
internal static partial class YCbCrToRgb
{
    private const int CrToR = 91881;      // round(1.402    * 2^16)
    private const int CbToG = -22554;     // round(-0.344136 * 2^16)
    private const int CrToG = -46802;     // round(-0.714136 * 2^16)
    private const int CbToB = 116130;     // round(1.772    * 2^16)
    private const int Half = 1 << 15;
    private const int Shift = 16;

    /// <summary>
    /// Converts <c>y.Length</c> pixels from planar Y, Cb, Cr to interleaved R, G, B bytes using the
    /// fastest path the hardware accelerates. All paths give identical results.
    /// </summary>
    /// <param name="y">Luma, one byte per pixel; its length is the pixel count.</param>
    /// <param name="cb">Blue-difference chroma, at least <c>y.Length</c> bytes.</param>
    /// <param name="cr">Red-difference chroma, at least <c>y.Length</c> bytes.</param>
    /// <param name="rgb">Receives R, G, B for pixel i at <c>3i</c>, <c>3i+1</c>, <c>3i+2</c>; at least <c>3 * y.Length</c> bytes.
    /// Must not overlap the inputs.</param>
    public static void Convert(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
    {
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            ConvertAvx2(y, cb, cr, rgb);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            ConvertVector256(y, cb, cr, rgb);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            ConvertVector128(y, cb, cr, rgb);
        }
        else
        {
            ConvertScalar(y, cb, cr, rgb);
        }
    }

    /// <summary>The reference implementation, one pixel at a time. Same contract as <see cref="Convert"/>.</summary>
    public static void ConvertScalar(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
    {
        ValidateArguments(y, cb, cr, rgb);
        ConvertScalarFrom(0, y, cb, cr, rgb);
    }

    /// <summary>Converts pixels <paramref name="start"/>..y.Length-1; also the tail of the SIMD paths.</summary>
    private static void ConvertScalarFrom(int start, ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
    {
        for (int i = start; i < y.Length; i++)
        {
            ConvertPixel(y[i], cb[i], cr[i], rgb.Slice(3 * i, 3));
        }
    }

    /// <summary>One pixel by the normative formulas into <paramref name="pixel"/>[0..2].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ConvertPixel(int luma, int cb, int cr, Span<byte> pixel)
    {
        int cbDiff = cb - 128;
        int crDiff = cr - 128;
        pixel[0] = ClampToByte(luma + (((CrToR * crDiff) + Half) >> Shift));
        pixel[1] = ClampToByte(luma + (((CbToG * cbDiff) + (CrToG * crDiff) + Half) >> Shift));
        pixel[2] = ClampToByte(luma + (((CbToB * cbDiff) + Half) >> Shift));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte ClampToByte(int value) => (byte)Math.Clamp(value, 0, 255);

    private static void ValidateArguments(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cb.Length, y.Length, nameof(cb));
        ArgumentOutOfRangeException.ThrowIfLessThan(cr.Length, y.Length, nameof(cr));
        if (rgb.Length < 3L * y.Length)
        {
            throw new ArgumentException("Destination needs 3 bytes per pixel.", nameof(rgb));
        }
    }
}
