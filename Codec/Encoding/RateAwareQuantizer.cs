using RegionCodec.Model;

namespace RegionCodec.Encoding;

/// <summary>
/// Quantizes a block's DCT coefficients, rounding toward zero where that saves more bits than it
/// costs in squared error. Rounding |x| down from L+½ changes the error by (2f−1)·q² (f the
/// fractional part) and saves ΔR bits; with a Lagrange multiplier λ that grows like the region's
/// quality scale squared, the rounding threshold moves from ½ to ½ + θ with θ = λ·ΔR / q². ΔR is
/// largest for a lone ±1 where the neighbouring blocks have zeros (it costs a non-zero flag, a
/// magnitude and a sign), smaller beside non-zero neighbours, and about a bit for larger levels.
/// Encoder-only; at quality 100 (scale 0) it is plain rounding. Constants were tuned on Kodak.
/// </summary>
internal static class RateAwareQuantizer
{
    private const float LoneOneWeight = 100f;
    private const float BusyOneWeight = 60f;
    private const float LargerLevelWeight = 20f;
    private const float MaxThreshold = 0.4f;

    /// <summary>The IJG quality scale as a fraction (0 at quality 100, 1 at 50, 50 at 1).</summary>
    public static float ScaleOf(int quality) => (quality < 50 ? 5000f / quality : 200f - (2f * quality)) / 100f;

    /// <summary>
    /// Quantizes <paramref name="coefficients"/> (natural order) into <paramref name="levels"/>.
    /// Only the DC when <paramref name="dcOnly"/>. <paramref name="above"/> and <paramref name="left"/> are the
    /// neighbouring blocks' levels, empty when absent.
    /// </summary>
    public static void Quantize(ReadOnlySpan<float> coefficients, ReadOnlySpan<ushort> quant, float qualityScale, bool dcOnly, bool optimize,
        ReadOnlySpan<short> above, ReadOnlySpan<short> left, Span<short> levels)
    {
        float lambda = optimize ? qualityScale * qualityScale : 0f;
        int count = dcOnly ? 1 : 64;
        for (int i = 0; i < count; i++)
        {
            float q = quant[i];
            float x = coefficients[i] / q;
            float magnitude = MathF.Abs(x);
            float threshold = 0.5f;
            if (i > 0 && lambda > 0f)
            {
                float weight;
                if (magnitude >= 1.5f)
                {
                    weight = LargerLevelWeight;
                }
                else
                {
                    bool quiet = (above.IsEmpty || above[i] == 0) && (left.IsEmpty || left[i] == 0);
                    weight = quiet ? LoneOneWeight : BusyOneWeight;
                }

                threshold += Math.Min(MaxThreshold, lambda * weight / (q * q));
            }

            int level = Math.Min((int)(magnitude + 1f - threshold), BlockCoder.MaxLevel);
            levels[i] = (short)(x < 0 ? -level : level);
        }
    }
}
