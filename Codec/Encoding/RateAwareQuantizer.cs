using System.Runtime.Intrinsics;
using RegionCodec.Coefficients;

namespace RegionCodec.Encoding;

/// <summary>
/// Quantizes a block's DCT coefficients, rounding toward zero where that saves more bits than it
/// costs in squared error. Rounding |x| down from L+½ changes the error by (2f−1)·q² (f the
/// fractional part) and saves ΔR bits; with a Lagrange multiplier λ that grows like the region's
/// quality scale squared, the rounding threshold moves from ½ to ½ + θ with θ = λ·ΔR / q². ΔR is
/// largest for a lone ±1 where the neighbouring blocks have zeros (it costs a non-zero flag, a
/// magnitude and a sign), smaller beside non-zero neighbours, and about a bit for larger levels.
/// Encoder-only; at quality 100 (scale 0) it is plain rounding. Constants were tuned on Kodak
/// (quality 75: 20.9% smaller than libjpeg-turbo at −0.05 dB, against 14.5% at +0.08 dB without it).
/// With the tilted tables λ is scaled by 0.6: zeroing fewer small levels costs 0.35% in BD-rate on PSNR-Y
/// but saves 2.8% on SSIM-Y and 2.5% on MS-SSIM-Y (Kodak, quality 5..95), as texture survives. With them λ
/// also follows the block's activity (<see cref="ActivityScale"/>): halved in flat blocks, where a lost
/// small level is visible and SSIM sees it, up to doubled in busy ones, which mask it. On 8 Kodak images that
/// saves 2.7% on SSIM-Y and 2.6% on MS-SSIM-Y for 1.0% on PSNR-Y.
/// </summary>
internal sealed class RateAwareQuantizer
{
    private const float LoneOneWeight = 100f;
    private const float BusyOneWeight = 60f;
    private const float LargerLevelWeight = 20f;
    private const float MaxThreshold = 0.4f;

    private readonly float[] _inverseSteps;
    private readonly float[] _penalties;
    private readonly bool _activityMasking;

    /// <param name="steps">The 64-entry quantization matrix (natural order).</param>
    /// <param name="quality">The region's quality, 1..100.</param>
    /// <param name="optimize">False: plain rounding.</param>
    /// <param name="tables">The base tables <paramref name="steps"/> were scaled from; λ is tuned per set.</param>
    public RateAwareQuantizer(ReadOnlySpan<ushort> steps, int quality, bool optimize, RsgQuantizationTables tables)
    {
        float scale = (quality < 50 ? 5000f / quality : 200f - (2f * quality)) / 100f;
        float lambda = optimize ? LambdaScale(tables) * scale * scale : 0f;
        _activityMasking = optimize && tables == RsgQuantizationTables.Tilted;
        _inverseSteps = new float[64];
        _penalties = new float[64];
        for (int i = 0; i < 64; i++)
        {
            _inverseSteps[i] = 1f / steps[i];
            _penalties[i] = i == 0 ? 0f : lambda / (steps[i] * steps[i]);
        }
    }

    /// <summary>
    /// Quantizes <paramref name="coefficients"/> (natural order) into <paramref name="levels"/>; only
    /// the DC when <paramref name="dcOnly"/>. <paramref name="above"/> and <paramref name="left"/> are the
    /// neighbouring blocks' levels, empty when absent.
    /// </summary>
    public void Quantize(ReadOnlySpan<float> coefficients, bool dcOnly, ReadOnlySpan<short> above, ReadOnlySpan<short> left, Span<short> levels) =>
        Quantize(coefficients, dcOnly, above, left, levels, Vector256.IsHardwareAccelerated);

    /// <summary>As above, on the Vector256 path or the scalar one (a test checks they give the same levels).</summary>
    internal void Quantize(ReadOnlySpan<float> coefficients, bool dcOnly, ReadOnlySpan<short> above, ReadOnlySpan<short> left, Span<short> levels, bool vector)
    {
        if (dcOnly)
        {
            levels[0] = Level(coefficients[0] * _inverseSteps[0], 0.5f);
            return;
        }

        float activity = _activityMasking ? ActivityScale(coefficients) : 1f;
        if (vector)
        {
            QuantizeVector256(coefficients, above, left, activity, levels);
            return;
        }

        for (int i = 0; i < 64; i++)
        {
            float x = coefficients[i] * _inverseSteps[i];
            bool quiet = (above.IsEmpty || above[i] == 0) && (left.IsEmpty || left[i] == 0);
            float weight = MathF.Abs(x) >= 1.5f ? LargerLevelWeight : quiet ? LoneOneWeight : BusyOneWeight;
            levels[i] = Level(x, 0.5f + MathF.Min(MaxThreshold, _penalties[i] * weight * activity));
        }
    }

    /// <summary>
    /// The λ multiplier for one block: the root of its AC energy in quantizer steps, over 4, clamped to ½..2.
    /// Summed in a fixed order in scalar code, so both quantizer paths see the same value.
    /// </summary>
    private float ActivityScale(ReadOnlySpan<float> coefficients)
    {
        float energy = 0f;
        for (int i = 1; i < 64; i++)
        {
            float x = coefficients[i] * _inverseSteps[i];
            energy += x * x;
        }

        return Math.Clamp(MathF.Sqrt(energy) / 4f, 0.5f, 2f);
    }

    /// <summary>The Vector256 path: the same float operations lane by lane, so the same levels.</summary>
    private void QuantizeVector256(ReadOnlySpan<float> coefficients, ReadOnlySpan<short> above, ReadOnlySpan<short> left, float activity, Span<short> levels)
    {
        // Quiet positions (the neighbours' levels both 0 or absent) as all-ones lanes, eight at a time below.
        Span<short> quiet = stackalloc short[64];
        for (int i = 0; i < 64; i += 16)
        {
            Vector256<short> mask = Vector256<short>.AllBitsSet;
            if (!above.IsEmpty)
            {
                mask &= Vector256.Equals(Vector256.Create(above.Slice(i, 16)), Vector256<short>.Zero);
            }

            if (!left.IsEmpty)
            {
                mask &= Vector256.Equals(Vector256.Create(left.Slice(i, 16)), Vector256<short>.Zero);
            }

            mask.CopyTo(quiet.Slice(i, 16));
        }

        Vector256<float> larger = Vector256.Create(LargerLevelWeight), lone = Vector256.Create(LoneOneWeight), busy = Vector256.Create(BusyOneWeight);
        Vector256<float> half = Vector256.Create(0.5f), one = Vector256.Create(1f), cap = Vector256.Create(MaxThreshold), big = Vector256.Create(1.5f);
        Vector256<int> maxLevel = Vector256.Create(BlockCoder.MaxLevel);
        Vector256<float> scale = Vector256.Create(activity);
        for (int i = 0; i < 64; i += 8)
        {
            Vector256<float> x = Vector256.Create(coefficients.Slice(i, 8)) * Vector256.Create((ReadOnlySpan<float>)_inverseSteps.AsSpan(i, 8));
            Vector256<float> magnitude = Vector256.Abs(x);
            Vector256<float> weight = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(magnitude, big), larger,
                Vector256.ConditionalSelect(Vector256.WidenLower(Vector128.Create((ReadOnlySpan<short>)quiet.Slice(i, 8)).ToVector256Unsafe()).AsSingle(), lone, busy));
            Vector256<float> threshold = half + Vector256.Min(cap, Vector256.Create((ReadOnlySpan<float>)_penalties.AsSpan(i, 8)) * weight * scale);
            Vector256<int> level = Vector256.Min(Vector256.ConvertToInt32(magnitude + one - threshold), maxLevel);
            Vector256<int> signed = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero).AsInt32(), -level, level);
            Vector256.Narrow(signed, signed).GetLower().CopyTo(levels.Slice(i, 8));
        }
    }

    private static float LambdaScale(RsgQuantizationTables tables) => tables == RsgQuantizationTables.Tilted ? 0.6f : 1f;

    private static short Level(float x, float threshold)
    {
        int level = Math.Min((int)(MathF.Abs(x) + 1f - threshold), BlockCoder.MaxLevel);
        return (short)(x < 0 ? -level : level);
    }
}
