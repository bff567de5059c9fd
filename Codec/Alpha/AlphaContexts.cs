using RegionCodec.Entropy;

namespace RegionCodec.Alpha;

/// <summary>
/// Every adaptive context of the alpha plane coder (spec/rsg.md §9.4), reset at the start of each
/// strip's ALPH payload. Pixel decisions are split by <see cref="Buckets"/> activity buckets and by the
/// left pixel's residual, so flat areas, feathered edges and gradients each learn their own statistics.
/// </summary>
internal sealed class AlphaContexts
{
    /// <summary>Activity buckets: min(bit_length(|a − c| + |b − c| + |b − d|), 8).</summary>
    public const int Buckets = 9;

    /// <summary>Residual magnitudes are below 2^8.</summary>
    public const int MagnitudeBits = 8;

    /// <summary>"row equals the row above", by the previous row: 0 first row of the strip, 1 copied, 2 coded.</summary>
    public readonly BitModel[] RowSame = new BitModel[3];

    /// <summary>"residual is zero", at <c>bucket × 3 + left</c> (left: 0 the left residual was zero, 1 positive, 2 negative).</summary>
    public readonly BitModel[] Zero = new BitModel[Buckets * 3];

    /// <summary>"residual is negative", at <c>(bucket × 3 + left) × 3 + curvature</c> (the sign of d − 2b + c, plus 1).</summary>
    public readonly BitModel[] Sign = new BitModel[Buckets * 9];

    /// <summary>Magnitude length contexts, <see cref="MagnitudeBits"/> per set <c>bucket × 2 + (left ≠ 0)</c>.</summary>
    public readonly BitModel[] Length = new BitModel[Buckets * 2 * MagnitudeBits];

    /// <summary>Magnitude mantissa contexts, 2 × <see cref="MagnitudeBits"/> per set.</summary>
    public readonly BitModel[] Mantissa = new BitModel[Buckets * 2 * MagnitudeBits * 2];

    public AlphaContexts() => Reset();

    public void Reset()
    {
        BitModel.Reset(RowSame);
        BitModel.Reset(Zero);
        BitModel.Reset(Sign);
        BitModel.Reset(Length);
        BitModel.Reset(Mantissa);
    }
}
