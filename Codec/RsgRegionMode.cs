namespace RegionCodec;

/// <summary>How the blocks of a region are coded.</summary>
public enum RsgRegionMode : byte
{
    /// <summary>All 64 DCT coefficients, quantized at the region's quality.</summary>
    Dct = 0,
    /// <summary>Only the DC coefficient: each block is flat. Costs almost nothing.</summary>
    DcOnly = 1,
    /// <summary>Every pixel of the region is coded exactly (spec/rsg.md: lossless samples).</summary>
    Lossless = 2,
}
