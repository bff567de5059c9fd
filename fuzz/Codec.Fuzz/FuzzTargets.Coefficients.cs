using RegionCodec.Entropy;
using RegionCodec.Quantization;
using RegionCodec.Coefficients;
using RegionCodec.Reconstruction;

namespace RegionCodec.Fuzz;

// The coefficients target: the coefficient decoder (spec §8), dequantization and the IDCT.
public static partial class FuzzTargets
{
    /// <summary>
    /// The coefficient decoder (spec §8) with dequantization and the IDCT. Input: byte 0 = blocks wide
    /// - 1 (low 4 bits) and chroma (bit 4) and DC-only (bit 5); byte 1 = blocks high - 1 (low 3 bits);
    /// byte 2 = quality (1..100); the rest is the range-coded payload.
    /// </summary>
    public static void Coefficients(byte[] input)
    {
        if (input.Length < 3)
        {
            return;
        }

        int wide = (input[0] & 15) + 1, high = (input[1] & 7) + 1, quality = (input[2] % 100) + 1;
        bool chroma = (input[0] & 16) != 0, dcOnly = (input[0] & 32) != 0;
        var quantizers = new RegionQuantizers([new RsgRegion(quality)], RsgQuantizationTables.JpegAnnexK);
        ReadOnlySpan<ushort> quant = quantizers.Table(0, chroma);
        var contexts = new CoefficientContexts();
        using var plane = new PlaneState(chroma);
        plane.Prepare(wide, high, 8);
        var decoder = new RangeDecoder(input.AsSpan(3));
        Span<short> coefficients = stackalloc short[64];
        Span<byte> pixels = stackalloc byte[64];
        for (int by = 0; by < high; by++)
        {
            for (int bx = 0; bx < wide; bx++)
            {
                if (!BlockCoder.CodeBlock(ref decoder, contexts, plane, bx, by, quant, dcOnly))
                {
                    return; // rejected as R12
                }

                int index = (by * wide) + bx;
                Require(plane.NonZero[index] <= 63, $"block ({bx}, {by}) has {plane.NonZero[index]} non-zero AC levels");
                ReadOnlySpan<short> levels = plane.Levels.AsSpan(index * 64, 64);
                Require(levels[0] is >= -BlockCoder.MaxLevel and <= BlockCoder.MaxLevel, "DC level out of range was accepted");
                Dequantizer.Dequantize(levels, quant, coefficients);
                InverseDct.Transform(coefficients, pixels, 8);
            }
        }
    }
}
