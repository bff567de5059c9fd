using RegionCodec.Entropy;

namespace RegionCodec.Coefficients;

/// <summary>
/// Every adaptive context of the coefficient coder for one plane class (luma, or chroma shared by
/// Cb and Cr), reset at the start of each strip. Index formulas: spec/rsg.md §8.
/// </summary>
internal sealed class CoefficientContexts
{
    public const int DcBuckets = 8;
    public const int DcMaxBits = 16;
    public const int NonZeroBuckets = 11;
    public const int RemainingBuckets = 8;
    public const int NeighbourBuckets = 8;
    public const int MagnitudeBuckets = 8;
    public const int FrequencyBands = 9;
    public const int AcMaxBits = 15;

    public readonly BitModel[] DcZero = new BitModel[DcBuckets];
    public readonly BitModel[] DcSign = new BitModel[DcBuckets];
    public readonly BitModel[] DcLength = new BitModel[DcBuckets * DcMaxBits];
    public readonly BitModel[] DcMantissa = new BitModel[DcBuckets * DcMaxBits * 2];

    /// <summary>6-bit tree for the count of non-zero AC coefficients, per predicted-count bucket.</summary>
    public readonly BitModel[] NonZeroCount = new BitModel[NonZeroBuckets * 64];

    /// <summary>Is the coefficient at scan position k non-zero: [k-1][remaining bucket][neighbour bucket].</summary>
    public readonly BitModel[] AcNonZero = new BitModel[63 * RemainingBuckets * NeighbourBuckets];

    /// <summary>Magnitude bit length: [band][magnitude bucket][step].</summary>
    public readonly BitModel[] AcLength = new BitModel[FrequencyBands * MagnitudeBuckets * AcMaxBits];

    /// <summary>Magnitude mantissa: [band][magnitude bucket][2 * AcMaxBits].</summary>
    public readonly BitModel[] AcMantissa = new BitModel[FrequencyBands * MagnitudeBuckets * AcMaxBits * 2];

    /// <summary>Sign: [k-1][sum of the neighbours' signs + 2].</summary>
    public readonly BitModel[] AcSign = new BitModel[63 * 5];

    /// <summary>Scratch for <see cref="NeighbourContext.Compute"/>: not a context, never reset.</summary>
    public readonly short[] NeighbourMagnitudes = new short[64];

    /// <summary>Scratch for <see cref="NeighbourContext.Compute"/>: not a context, never reset.</summary>
    public readonly sbyte[] NeighbourSigns = new sbyte[64];

    public CoefficientContexts() => Reset();

    public void Reset()
    {
        BitModel.Reset(DcZero);
        BitModel.Reset(DcSign);
        BitModel.Reset(DcLength);
        BitModel.Reset(DcMantissa);
        BitModel.Reset(NonZeroCount);
        BitModel.Reset(AcNonZero);
        BitModel.Reset(AcLength);
        BitModel.Reset(AcMantissa);
        BitModel.Reset(AcSign);
    }
}
