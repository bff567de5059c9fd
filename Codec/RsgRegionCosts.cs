using RegionCodec.Decoding;
using RegionCodec.Entropy;

namespace RegionCodec;

/// <summary>
/// What each part of a file cost (spec/rsg.md §17, informative), from
/// <see cref="RsgDecoder.MeasureRegionCosts"/>: the information content of each region's decisions (every
/// block takes the region of §7.3), of the mask's decisions, and the rest as overhead, in whole bytes that
/// add up to <see cref="FileBytes"/> exactly: <c>MaskBytes + Σ RegionBytes + AlphaBytes + OverheadBytes = FileBytes</c>.
/// </summary>
public sealed class RsgRegionCosts
{
    private readonly long[] _tallies;
    private readonly int _planes;

    internal RsgRegionCosts(RsgImageInfo info, long fileBytes, long payloadBytes, long alphaBytes, long[] tallies, long[] pixels)
    {
        AlphaBytes = alphaBytes;
        RegionPixels = pixels;
        Info = info;
        FileBytes = fileBytes;
        PayloadBytes = payloadBytes;
        _tallies = tallies;
        _planes = info.Header.ComponentCount;
        var regionBytes = new long[info.Regions.Count];
        for (int label = 0; label < regionBytes.Length; label++)
        {
            regionBytes[label] = InformationContent.ToBytes(RegionUnits(label));
        }

        RegionBytes = regionBytes;
        MaskBytes = InformationContent.ToBytes(tallies[StripCostMeasurer.MaskBucket]);
    }

    /// <summary>How the numbers are measured, in one sentence for reports.</summary>
    public const string Method =
        "information content of the region's decisions: -log2 of the probability each decoded bin had under its adaptive context, summed over the blocks of the region (spec/rsg.md §17)";

    /// <summary>The file's header and region table.</summary>
    public RsgImageInfo Info { get; }

    /// <summary>Per label: the image pixels whose mask cell holds that label (the region's area; all labels add up to width × height).</summary>
    public IReadOnlyList<long> RegionPixels { get; }

    /// <summary>The size of the file measured, in bytes.</summary>
    public long FileBytes { get; }

    /// <summary>The range-coded payloads of all strips (STRP and LOSS data after each 4-byte strip index).</summary>
    public long PayloadBytes { get; }

    /// <summary>The alpha plane's payloads (ALPH data after each 4-byte strip index; 0 without alpha), counted whole: the plane is lossless and belongs to no region.</summary>
    public long AlphaBytes { get; }

    /// <summary>Information content of the mask's decisions (§6), rounded to whole bytes.</summary>
    public long MaskBytes { get; }

    /// <summary>Per label: information content of the decisions of the blocks in that region (and of its lossless samples, §9.5), rounded to whole bytes.</summary>
    public IReadOnlyList<long> RegionBytes { get; }

    /// <summary>Everything outside the payloads: signature, chunk lengths, types and CRCs, RHDR, RTAB, strip indices, REND, ancillary chunks.</summary>
    public long ContainerBytes => FileBytes - PayloadBytes - AlphaBytes;

    /// <summary>
    /// Payload bytes beyond the rounded information content: the range coder's flush at the end of each strip
    /// and its rounding of intervals (a few bytes per strip; can be slightly negative, since the coder drops trailing zero bytes).
    /// </summary>
    public long CoderBytes => PayloadBytes - MaskBytes - RegionBytes.Sum();

    /// <summary><see cref="ContainerBytes"/> + <see cref="CoderBytes"/>: what makes the lines add up to the file size.</summary>
    public long OverheadBytes => ContainerBytes + CoderBytes;

    /// <summary>Information content of the mask's decisions in bits (unrounded).</summary>
    public double MaskBits => ToBits(_tallies[StripCostMeasurer.MaskBucket]);

    /// <summary>Information content of region <paramref name="label"/>'s decisions in bits (unrounded).</summary>
    public double RegionBits(int label) => ToBits(RegionUnits(label));

    /// <summary>
    /// The bytes of plane <paramref name="plane"/> (0 = Y, 1 = Cb, 2 = Cr) of region <paramref name="label"/>, each
    /// rounded on its own (so the planes of a region may differ from <see cref="RegionBytes"/> by a byte or two).
    /// </summary>
    public long PlaneBytes(int label, int plane)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, RegionBytes.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(plane);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(plane, _planes);
        return InformationContent.ToBytes(_tallies[StripCostMeasurer.BlockBucket(Info.Header, label, plane)]);
    }

    private long RegionUnits(int label)
    {
        long units = 0;
        for (int plane = 0; plane < _planes; plane++)
        {
            units += _tallies[StripCostMeasurer.BlockBucket(Info.Header, label, plane)];
        }

        return units;
    }

    private static double ToBits(long units) => (double)units / InformationContent.UnitsPerBit;
}
