namespace RegionCodec.Segmentation;

/// <summary>What every segmenter understands; specific segmenters add their own settings in their constructors.</summary>
public sealed class RsgSegmenterOptions
{
    public static RsgSegmenterOptions Default { get; } = new();

    /// <summary>Mask cell side in pixels: 1, 2, 4 or 8 (default 8: one label per 8x8 block).</summary>
    public int CellSize { get; init; } = 8;

    /// <summary>
    /// The quality the image should have on average; segmenters derive per-region qualities from it
    /// (more for regions that matter, less for the rest). Default 75.
    /// </summary>
    public int TargetQuality { get; init; } = 75;
}
