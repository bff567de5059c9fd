namespace RegionCodec.Segmentation;

/// <summary>The outcome of <see cref="RsgRateAllocator.Allocate"/>.</summary>
/// <param name="Regions">The region table, indexed by label (unused labels get the quality their weight implies).</param>
/// <param name="Bytes">The encoded .rsg file.</param>
/// <param name="TargetBytes">The size aimed at (the one-region file's size, or the budget).</param>
/// <param name="TargetMet">False only when even the smallest file is larger than a byte budget; <see cref="Bytes"/> is then that smallest file.</param>
/// <param name="OneRegion">
/// True when <see cref="Bytes"/> is the plain one-region encode (every label at one quality, no label map
/// stored): the map uses one label, or no region-coded file beat it inside the most important region.
/// </param>
/// <param name="GlobalScale">The IJG scale (percent) a region of weight 1 aims at; NaN for a one-region result.</param>
/// <param name="TrialEncodes">Encodes made, the one-region reference included.</param>
public sealed record RsgRateAllocation(
    RsgRegion[] Regions,
    byte[] Bytes,
    long TargetBytes,
    bool TargetMet,
    bool OneRegion,
    double GlobalScale,
    int TrialEncodes);
