using RegionCodec.Entropy;

namespace RegionCodec.Lossless;

/// <summary>
/// Every adaptive context of the lossless sample coder (spec/rsg.md §9.5), reset at the start of each
/// strip's LOSS payload. The copy decisions are split by how the left and above pixels were coded, so flat
/// areas, runs of text and photographic detail each learn their own statistics.
/// </summary>
internal sealed class LosslessContexts
{
    /// <summary>How a pixel was coded: 0 as its left neighbour, 1 as the one above, 2 from the colour cache, 3 by residuals.</summary>
    public const int Kinds = 4;

    /// <summary>Activity buckets of the residual coder: min(bit_length(|a − c| + |b − c| + |b − d|), 8).</summary>
    public const int Buckets = 9;

    /// <summary>Residual magnitudes are below 2^8.</summary>
    public const int MagnitudeBits = 8;

    /// <summary>Second key of a residual set: min(bit_length(x), 3) of the neighbours' errors (green) or of green's error (red, blue).</summary>
    public const int Keys = 4;

    /// <summary>Residual context sets: channel (3) × bucket × key.</summary>
    public const int ResidualSets = 3 * Buckets * Keys;

    /// <summary>"same as the left pixel", at <c>(kindLeft × 4 + kindAbove) × 2 + (b = c)</c>.</summary>
    public readonly BitModel[] SameAsLeft = new BitModel[Kinds * Kinds * 2];

    /// <summary>"same as the pixel above", at <c>(kindLeft × 4 + kindAbove) × 2 + (b = d)</c>.</summary>
    public readonly BitModel[] SameAsAbove = new BitModel[Kinds * Kinds * 2];

    /// <summary>"same as the pixel above-right" (when it differs from left and above), at <c>kindLeft × 4 + kindAbove</c>.</summary>
    public readonly BitModel[] SameAsAboveRight = new BitModel[Kinds * Kinds];

    /// <summary>"the colour that last followed this neighbourhood" (<see cref="LosslessContextMatch"/>), at <c>kindLeft × 4 + kindAbove</c>.</summary>
    public readonly BitModel[] ContextMatch = new BitModel[Kinds * Kinds];

    /// <summary>"in the colour cache", at <c>kindLeft × 4 + kindAbove</c>.</summary>
    public readonly BitModel[] CacheHit = new BitModel[Kinds * Kinds];

    /// <summary>The cache index as a 5-bit binary tree, two trees: by whether the left or above pixel came from the cache.</summary>
    public readonly BitModel[] CacheIndex = new BitModel[2 * LosslessColourCache.Size];

    /// <summary>"residual is zero", per residual set.</summary>
    public readonly BitModel[] Zero = new BitModel[ResidualSets];

    /// <summary>"residual is negative", per residual set.</summary>
    public readonly BitModel[] Sign = new BitModel[ResidualSets];

    /// <summary>Magnitude length contexts, <see cref="MagnitudeBits"/> per residual set.</summary>
    public readonly BitModel[] Length = new BitModel[ResidualSets * MagnitudeBits];

    /// <summary>Magnitude mantissa contexts, 2 × <see cref="MagnitudeBits"/> per residual set.</summary>
    public readonly BitModel[] Mantissa = new BitModel[ResidualSets * MagnitudeBits * 2];

    /// <summary>The colour that last followed each neighbourhood (not a context: a table the decisions above predict from).</summary>
    public readonly LosslessContextMatch Matches = new();

    public LosslessContexts() => Reset();

    public void Reset()
    {
        BitModel.Reset(SameAsLeft);
        BitModel.Reset(SameAsAbove);
        BitModel.Reset(SameAsAboveRight);
        BitModel.Reset(ContextMatch);
        BitModel.Reset(CacheHit);
        BitModel.Reset(CacheIndex);
        BitModel.Reset(Zero);
        BitModel.Reset(Sign);
        BitModel.Reset(Length);
        BitModel.Reset(Mantissa);
        Matches.Reset();
    }
}
