using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RegionCodec.Reconstruction;

internal sealed partial class ChromaUpsampler
{
    /// <summary>The Cr plane's vertical pass (same layout as <see cref="_vertical"/>, which then holds Cb's) for the fused path.</summary>
    private short[]? _verticalCr;

    /// <summary>
    /// Output row <paramref name="y"/> of a 4:2:0 strip as RGB: chroma upsampling (§10.2) and colour conversion
    /// (§10.3) of each pixel. With AVX2 both happen in registers on 32 pixels at a time
    /// (<see cref="ConvertRowAvx2"/>); otherwise the upsampled rows go through <see cref="YCbCrToRgb.Convert"/>.
    /// All paths give the same bits.
    /// </summary>
    /// <param name="luma">The row's <c>width</c> luma samples.</param>
    /// <param name="cb">The strip's Cb plane, <paramref name="chromaStride"/> bytes per row, <paramref name="chromaRows"/> valid rows.</param>
    /// <param name="cr">The strip's Cr plane, same layout.</param>
    /// <param name="chromaStride">Bytes per chroma plane row.</param>
    /// <param name="chromaRows">Valid chroma rows (edges are replicated beyond them).</param>
    /// <param name="y">The strip-local output row.</param>
    /// <param name="rgb">Receives <c>3 * width</c> bytes.</param>
    public void ConvertRow(ReadOnlySpan<byte> luma, byte[] cb, byte[] cr, int chromaStride, int chromaRows, int y, Span<byte> rgb)
    {
        if (Avx2.IsSupported)
        {
            ConvertRowAvx2(luma, cb, cr, chromaStride, chromaRows, y, rgb);
            return;
        }

        ReadOnlySpan<byte> upCb = UpsampleRow(cb, chromaStride, chromaRows, y, 0);
        ReadOnlySpan<byte> upCr = UpsampleRow(cr, chromaStride, chromaRows, y, 1);
        YCbCrToRgb.Convert(luma[.._width], upCb, upCr, rgb);
    }

    /// <summary>
    /// The fused AVX2 path (same contract as <see cref="ConvertRow"/>): the vertical pass of both planes, then per 16
    /// chroma columns the horizontal pass and the conversion in 16-bit lanes, the rest of the row by the scalar formulas.
    /// </summary>
    internal void ConvertRowAvx2(ReadOnlySpan<byte> luma, byte[] cb, byte[] cr, int chromaStride, int chromaRows, int y, Span<byte> rgb)
    {
        _verticalCr ??= new short[_vertical.Length];
        SourceRows(cb, chromaStride, chromaRows, y, out ReadOnlySpan<byte> nearCb, out ReadOnlySpan<byte> farCb);
        VerticalPassVector128(nearCb, farCb, _vertical);
        SourceRows(cr, chromaStride, chromaRows, y, out ReadOnlySpan<byte> nearCr, out ReadOnlySpan<byte> farCr);
        VerticalPassVector128(nearCr, farCr, _verticalCr);

        int width = _width;
        ArgumentOutOfRangeException.ThrowIfLessThan(luma.Length, width, nameof(luma));
        ArgumentOutOfRangeException.ThrowIfLessThan(rgb.Length, 3 * width, nameof(rgb));
        ref short vCb = ref MemoryMarshal.GetArrayDataReference(_vertical);
        ref short vCr = ref MemoryMarshal.GetArrayDataReference(_verticalCr);
        int c = 0;

        // 16 chroma columns (32 pixels) per step: loads reach v[c + 17] <= v[_chromaWidth + 1] and luma[2c + 31].
        for (; c + 16 <= _chromaWidth && (2 * c) + 32 <= width; c += 16)
        {
            // Chroma in the lane order of an in-lane byte unpack: lo = pixels 0-7 | 16-23, hi = 8-15 | 24-31.
            UpsampleColumns(ref Unsafe.Add(ref vCb, c), out Vector256<short> cbLo, out Vector256<short> cbHi);
            UpsampleColumns(ref Unsafe.Add(ref vCr, c), out Vector256<short> crLo, out Vector256<short> crHi);
            Vector256<byte> yBytes = Vector256.Create(luma.Slice(2 * c, 32));
            Vector256<short> yLo = Avx2.UnpackLow(yBytes, Vector256<byte>.Zero).AsInt16();
            Vector256<short> yHi = Avx2.UnpackHigh(yBytes, Vector256<byte>.Zero).AsInt16();

            // Packing lo with hi restores pixel order; unsigned saturation is the clamp to 0..255.
            YCbCrToRgb.Convert16(yLo, cbLo, crLo, out Vector256<short> rLo, out Vector256<short> gLo, out Vector256<short> bLo);
            YCbCrToRgb.Convert16(yHi, cbHi, crHi, out Vector256<short> rHi, out Vector256<short> gHi, out Vector256<short> bHi);
            Vector256<byte> r = Avx2.PackUnsignedSaturate(rLo, rHi);
            Vector256<byte> g = Avx2.PackUnsignedSaturate(gLo, gHi);
            Vector256<byte> b = Avx2.PackUnsignedSaturate(bLo, bHi);
            YCbCrToRgb.Interleave3x32(r, g, b, rgb.Slice(6 * c, 96));
        }

        for (int x = 2 * c; x < width; x++)
        {
            YCbCrToRgb.ConvertPixel(luma[x], UpsampledSample(_vertical, x), UpsampledSample(_verticalCr, x), rgb.Slice(3 * x, 3));
        }
    }

    /// <summary>Output sample x of the horizontal pass over vertical pass <paramref name="v"/> (§10.2).</summary>
    private static byte UpsampledSample(short[] v, int x)
    {
        int c = x >> 1;
        int neighbour = (x & 1) == 0 ? v[c] : v[c + 2];
        return (byte)(((3 * v[c + 1]) + neighbour + 8) >> 4);
    }

    /// <summary>
    /// The horizontal pass of 16 chroma columns from v[c] (the vertical pass with its replicated ends): even and odd
    /// outputs, then interleaved in-lane as an unpack of 32 luma bytes orders its pixels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpsampleColumns(ref short v, out Vector256<short> lo, out Vector256<short> hi)
    {
        Vector256<short> left = Vector256.LoadUnsafe(ref v);
        Vector256<short> centre = Vector256.LoadUnsafe(ref Unsafe.Add(ref v, 1));
        Vector256<short> right = Vector256.LoadUnsafe(ref Unsafe.Add(ref v, 2));
        Vector256<short> rounded = (centre * 3) + Vector256.Create((short)8);
        Vector256<short> even = Vector256.ShiftRightArithmetic(rounded + left, 4);
        Vector256<short> odd = Vector256.ShiftRightArithmetic(rounded + right, 4);
        lo = Avx2.UnpackLow(even, odd);
        hi = Avx2.UnpackHigh(even, odd);
    }

    /// <summary>v = 3·near + far into <paramref name="v"/>[c + 1], 16 columns at a time, with the replicated ends.</summary>
    private void VerticalPassVector128(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, Span<short> v)
    {
        int c = 0;
        for (; c + 16 <= _chromaWidth; c += 16)
        {
            (Vector128<ushort> nearLo, Vector128<ushort> nearHi) = Vector128.Widen(Vector128.Create(near.Slice(c, 16)));
            (Vector128<ushort> farLo, Vector128<ushort> farHi) = Vector128.Widen(Vector128.Create(far.Slice(c, 16)));
            ((nearLo * 3) + farLo).AsInt16().CopyTo(v.Slice(c + 1));
            ((nearHi * 3) + farHi).AsInt16().CopyTo(v.Slice(c + 9));
        }

        for (; c < _chromaWidth; c++)
        {
            v[c + 1] = (short)((3 * near[c]) + far[c]);
        }

        v[0] = v[1];
        v[_chromaWidth + 1] = v[_chromaWidth];
    }
}
