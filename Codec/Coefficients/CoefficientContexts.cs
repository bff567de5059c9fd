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
    public const int MagnitudeBuckets = 8;
    public const int TokenBands = 20;
    public const int TokenRemainingBuckets = 4;
    public const int EscapeSymbols = 15;
    public const int TokenSymbols = 9;
    public const int CountSymbols = 15;

    public readonly BitModel[] DcZero = new BitModel[DcBuckets];
    public readonly BitModel[] DcSign = new BitModel[DcBuckets];
    public readonly BitModel[] DcLength = new BitModel[DcBuckets * DcMaxBits];
    public readonly BitModel[] DcMantissa = new BitModel[DcBuckets * DcMaxBits * 2];

    /// <summary>Non-zero AC count class (15 symbols), per predicted-count bucket.</summary>
    public readonly ushort[] NonZeroCount = new ushort[NonZeroBuckets * SymbolModel.Stride];

    /// <summary>AC token (9 symbols): [token band][remaining bucket][magnitude bucket].</summary>
    public readonly ushort[] AcToken = new ushort[TokenBands * TokenRemainingBuckets * MagnitudeBuckets * SymbolModel.Stride];

    /// <summary>Bit length of an escape's excess + 1 (15 symbols): [token band / 5].</summary>
    public readonly ushort[] AcEscape = new ushort[4 * SymbolModel.Stride];

    /// <summary>The 16x16 transform flag of a luma area (§9.2), by how many of its left and above areas use one (0..2).</summary>
    public readonly BitModel[] LargeFlag = new BitModel[3];

    /// <summary>Scratch for <see cref="NeighbourContext.Compute"/>: not a context, never reset.</summary>
    public readonly short[] NeighbourMagnitudes = new short[64];

    /// <summary>Start of the token distributions of magnitude buckets 2 … 7: zero and small magnitudes likelier, summing to 2^15.</summary>
    private static ReadOnlySpan<ushort> InitialTokenFrequencies => [12288, 8192, 4096, 2560, 1664, 1536, 1152, 768, 512];

    /// <summary>Start of magnitude bucket 0 (nothing non-zero around the position): zero far likelier.</summary>
    private static ReadOnlySpan<ushort> InitialQuietTokenFrequencies => [26624, 3584, 1152, 512, 320, 256, 160, 96, 64];

    /// <summary>Start of magnitude bucket 1.</summary>
    private static ReadOnlySpan<ushort> InitialCalmTokenFrequencies => [16864, 8192, 3584, 1664, 1024, 768, 512, 128, 32];

    public CoefficientContexts() => Reset();

    public void Reset()
    {
        BitModel.Reset(DcZero);
        BitModel.Reset(DcSign);
        BitModel.Reset(DcLength);
        BitModel.Reset(DcMantissa);
        BitModel.Reset(LargeFlag);
        SymbolModel.Reset(NonZeroCount, CountSymbols);
        SymbolModel.Reset(AcToken, InitialTokenFrequencies);

        // The magnitude bucket is the innermost index: models 8c and 8c + 1 of every (band, remaining) pair c.
        for (int first = 0; first < AcToken.Length; first += MagnitudeBuckets * SymbolModel.Stride)
        {
            SymbolModel.Reset(AcToken.AsSpan(first, SymbolModel.Stride), InitialQuietTokenFrequencies);
            SymbolModel.Reset(AcToken.AsSpan(first + SymbolModel.Stride, SymbolModel.Stride), InitialCalmTokenFrequencies);
        }
        SymbolModel.Reset(AcEscape, EscapeSymbols);
    }
}
