using System.Runtime.CompilerServices;
using RegionCodec.Coefficients;

namespace RegionCodec.Quantization;

/// <summary>
/// The 256 dequantized coefficients of a 16x16 luma transform (spec/rsg.md §7.5). Coefficient (v, u) lives in
/// block (bx + (u &amp; 1), by + (v &amp; 1)) of the area at slot (v &gt;&gt; 1) · 8 + (u &gt;&gt; 1), so each 8x8 block
/// carries one parity class and its slot keeps the 8x8 frequency it is nearest to (hence that slot's step).
/// The four lowest coefficients are not coded: they derive from the four blocks' dequantized DCs, which
/// therefore keep meaning the quadrants' means (a DC-only decode is unchanged).
/// </summary>
internal static class LargeBlockDequantizer
{
    /// <summary>Multipliers (in 1/8192) of the 2x2 sums: ½ for the mean, ½·α and ½·α² for the differences.</summary>
    /// <remarks>α = 1 / (√2 · Σ_{n&lt;8} b₁(n) / √8) ≈ 1.1089, b₁ the first 16-point cosine, maps the difference of two
    /// half means onto the first cosine's coefficient.</remarks>
    public const int MeanFactor = 4096, DifferenceFactor = 4542, CrossFactor = 5037;

    /// <summary>
    /// Fills <paramref name="coefficients"/> (256, natural order v·16 + u) for the area whose top-left block is
    /// (<paramref name="bx"/>, <paramref name="by"/>) of <paramref name="plane"/>, whose levels and DCs are decoded.
    /// </summary>
    public static void Dequantize(PlaneState plane, int bx, int by, ReadOnlySpan<ushort> quant, Span<int> coefficients)
    {
        int width = plane.BlocksWide;
        int topLeft = (by * width) + bx;
        short[] levels = plane.Levels;
        coefficients[..256].Clear();
        for (int parity = 0; parity < 4; parity++)
        {
            // In a smooth area most blocks have no AC level: nothing to place (their DC slot is derived below).
            int pu = parity & 1, pv = parity >> 1;
            int index = topLeft + (pv * width) + pu;
            if (plane.NonZero[index] == 0)
            {
                continue;
            }

            ReadOnlySpan<short> block = levels.AsSpan(index * 64, 64);
            for (int slot = 1; slot < 64; slot++)
            {
                int u = ((slot & 7) << 1) | pu, v = ((slot >> 3) << 1) | pv;
                coefficients[(v * 16) + u] = Dequantizer.Dequantize(block[slot], quant[slot]);
            }
        }

        int d00 = plane.DcValue[topLeft], d01 = plane.DcValue[topLeft + 1];
        int d10 = plane.DcValue[topLeft + width], d11 = plane.DcValue[topLeft + width + 1];
        coefficients[0] = Derive(d00 + d01 + d10 + d11, MeanFactor);
        coefficients[1] = Derive(d00 - d01 + d10 - d11, DifferenceFactor);
        coefficients[16] = Derive(d00 + d01 - d10 - d11, DifferenceFactor);
        coefficients[17] = Derive(d00 - d01 - d10 + d11, CrossFactor);
    }

    /// <summary>clamp((sum · factor + 4096) &gt;&gt; 13) to 16 bits; sums of four 16-bit DCs cannot overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Derive(int sum, int factor) => Math.Clamp(((sum * factor) + 4096) >> 13, short.MinValue, short.MaxValue);
}
