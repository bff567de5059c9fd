using RegionCodec.Coefficients;
using RegionCodec.Entropy;
using RegionCodec.Quantization;

namespace RegionCodec.Encoding;

/// <summary>
/// The encoder's choice between one 16x16 luma transform and four 8x8 ones for an eligible area (spec/rsg.md §13):
/// squared error (in the orthonormal coefficient domain, equal to the samples' before rounding) plus λ times an
/// estimate of the bits, λ proportional to the square of the region's first AC step.
/// </summary>
internal sealed class LargeBlockChooser
{
    /// <summary>λ over the square of the region's first AC step, per estimated bit (measured on CLIC: 0.07 to 0.3 differ by under 0.4 points of BD-rate).</summary>
    private const float LambdaFactor = 0.15f;

    private readonly float[] _area = new float[256];
    private readonly float[] _large = new float[256];
    private readonly float[] _coefficients = new float[64];
    private readonly short[] _levels = new short[4 * 64];

    /// <summary>
    /// Decides the area whose top-left block is (<paramref name="bx"/>, <paramref name="by"/>) of the luma
    /// <paramref name="plane"/>, whose 8x8 levels are quantized; on a 16x16 choice, replaces the four blocks' levels
    /// by the 16x16 transform's (§7.5) and marks them in <see cref="PlaneState.Large"/>. <paramref name="errors"/> holds
    /// each block's 8x8 squared error (<see cref="Error"/>), <paramref name="flag"/> the area's flag context as it will be
    /// coded; <paramref name="force"/> takes the 16x16 transform whatever the costs.
    /// </summary>
    public bool Choose(PlaneState plane, ReadOnlySpan<float> samples, int stride, int bx, int by, ReadOnlySpan<float> errors,
        RateAwareQuantizer quantizer, ReadOnlySpan<ushort> quant, BitModel flag, bool force)
    {
        int width = plane.BlocksWide;
        int topLeft = (by * width) + bx;
        for (int y = 0; y < 16; y++)
        {
            ReadOnlySpan<float> row = samples.Slice((((by * 8) + y) * stride) + (bx * 8), 16);
            for (int x = 0; x < 16; x++)
            {
                _area[(y * 16) + x] = row[x] - 128f;
            }
        }

        // Four 8x8 blocks, as already quantized; each option pays its flag at the flag context's present odds.
        float lambda = LambdaFactor * quant[1] * quant[1];
        float smallCost = lambda * FlagBits(65536 - flag.ProbabilityOfOne);
        float largeCost = lambda * FlagBits(flag.ProbabilityOfOne);
        for (int quadrant = 0; quadrant < 4; quadrant++)
        {
            int index = topLeft + ((quadrant >> 1) * width) + (quadrant & 1);
            smallCost += errors[index] + (lambda * EstimatedBits(plane.Levels.AsSpan(index * 64, 64)));
        }

        // One 16x16 transform: the four DCs from its 2x2 lowest coefficients, the rest through the 8x8 quantizer.
        ForwardDct16.Transform(_area, _large);
        float h00 = _large[0], h01 = _large[1] / Alpha, h10 = _large[16] / Alpha, h11 = _large[17] / (Alpha * Alpha);
        Span<int> dc = stackalloc int[4];
        dc[0] = DcLevel((h00 + h01 + h10 + h11) / 2f, quant[0]);
        dc[1] = DcLevel((h00 - h01 + h10 - h11) / 2f, quant[0]);
        dc[2] = DcLevel((h00 + h01 - h10 - h11) / 2f, quant[0]);
        dc[3] = DcLevel((h00 - h01 - h10 + h11) / 2f, quant[0]);
        int d00 = Dequantizer.Dequantize((short)dc[0], quant[0]), d01 = Dequantizer.Dequantize((short)dc[1], quant[0]);
        int d10 = Dequantizer.Dequantize((short)dc[2], quant[0]), d11 = Dequantizer.Dequantize((short)dc[3], quant[0]);
        largeCost += Square(_large[0] - LargeBlockDequantizer.Derive(d00 + d01 + d10 + d11, LargeBlockDequantizer.MeanFactor))
            + Square(_large[1] - LargeBlockDequantizer.Derive(d00 - d01 + d10 - d11, LargeBlockDequantizer.DifferenceFactor))
            + Square(_large[16] - LargeBlockDequantizer.Derive(d00 + d01 - d10 - d11, LargeBlockDequantizer.DifferenceFactor))
            + Square(_large[17] - LargeBlockDequantizer.Derive(d00 - d01 - d10 + d11, LargeBlockDequantizer.CrossFactor));
        if (largeCost >= smallCost && !force)
        {
            return false;
        }

        for (int parity = 0; parity < 4; parity++)
        {
            int pu = parity & 1, pv = parity >> 1;
            for (int slot = 0; slot < 64; slot++)
            {
                _coefficients[slot] = _large[((((slot >> 3) << 1) | pv) * 16) + (((slot & 7) << 1) | pu)];
            }

            Span<short> levels = _levels.AsSpan(parity * 64, 64);
            quantizer.Quantize(_coefficients, false, default, default, levels);
            levels[0] = (short)dc[parity];
            largeCost += Error(_coefficients, levels, quant, 1) + (lambda * EstimatedBits(levels));
            if (largeCost >= smallCost && !force)
            {
                return false;
            }
        }

        for (int parity = 0; parity < 4; parity++)
        {
            int index = topLeft + ((parity >> 1) * width) + (parity & 1);
            _levels.AsSpan(parity * 64, 64).CopyTo(plane.Levels.AsSpan(index * 64, 64));
            plane.Large[index] = 1;
        }

        return true;
    }

    /// <summary>α of <see cref="LargeBlockDequantizer"/>: the derivation's difference factor over ½.</summary>
    private const float Alpha = LargeBlockDequantizer.DifferenceFactor / 4096f;

    private static float Square(float x) => x * x;

    private static float FlagBits(int probability) => InformationContent.Of(probability) / (float)InformationContent.UnitsPerBit;

    private static int DcLevel(float dc, ushort step) => Math.Clamp((int)MathF.Round(dc / step, MidpointRounding.AwayFromZero), -BlockCoder.MaxLevel, BlockCoder.MaxLevel);

    /// <summary>Squared error of <paramref name="levels"/> against <paramref name="coefficients"/>, positions <paramref name="first"/> to 63.</summary>
    public static float Error(ReadOnlySpan<float> coefficients, ReadOnlySpan<short> levels, ReadOnlySpan<ushort> quant, int first)
    {
        float error = 0f;
        for (int i = first; i < 64; i++)
        {
            float e = coefficients[i] - (levels[i] * quant[i]);
            error += e * e;
        }

        return error;
    }

    /// <summary>A rough count of the AC bits: a count symbol, each non-zero level's token, extra bits and sign, the zeros between.</summary>
    private static float EstimatedBits(ReadOnlySpan<short> levels)
    {
        ReadOnlySpan<byte> zigZag = ZigZag.ToNatural;
        float bits = 0f;
        int nonZero = 0, last = 0;
        for (int k = 1; k < 64; k++)
        {
            int magnitude = Math.Abs((int)levels[zigZag[k]]);
            if (magnitude != 0)
            {
                nonZero++;
                last = k;
                bits += magnitude == 1 ? 3.5f : 3.5f + (2f * MathF.Log2(magnitude));
            }
        }

        return bits + (nonZero == 0 ? 0.5f : 3f + (0.4f * (last - nonZero)));
    }
}
