namespace RegionCodec;

/// <summary>How the blocks of a region are coded.</summary>
public enum RsgRegionMode : byte
{
    /// <summary>All 64 DCT coefficients, quantized at the region's quality.</summary>
    Dct = 0,
    /// <summary>Only the DC coefficient: each block is flat. Costs almost nothing.</summary>
    DcOnly = 1,
    /// <summary>
    /// Every sample of the region's mask cells reproduced exactly (spec/rsg.md §9.5), coded in the strip's LOSS
    /// chunk; for text, UI and graphics. Blocks wholly inside lossless cells are not DCT-coded.
    /// </summary>
    Lossless = 2,
}
