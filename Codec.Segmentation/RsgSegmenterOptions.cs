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

    /// <summary>
    /// Smallest connected region kept, in pixels; smaller ones join their most common neighbour.
    /// 0 (default) means automatic: 1/400 of the image area (at least one cell).
    /// </summary>
    public int MinRegionArea { get; init; }

    /// <summary>Most regions a segmentation may have (1..255, default 255, the format's limit).</summary>
    public int MaxRegions { get; init; } = RsgConstants.MaxRegions;

    /// <summary>
    /// Stops a long segmentation (an OperationCanceledException): checked between stages and every few rows of
    /// the per-pixel loops, and between OpenCV calls. An option rather than a parameter so every
    /// <see cref="IRsgSegmenter"/> gets it without a new interface member.
    /// </summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Threads the per-pixel passes may use: -1 (default) or 0 every core, 1 serial; the same meaning as
    /// <see cref="RsgEncoderOptions.MaxDegreeOfParallelism"/>. The segmentation is the same for every value.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary><see cref="MaxDegreeOfParallelism"/> as a thread count (at least 1).</summary>
    internal int Threads => MaxDegreeOfParallelism is -1 or 0 ? Environment.ProcessorCount : Math.Max(1, MaxDegreeOfParallelism);

    /// <summary>The minimum region area in cells for an image of this size (see <see cref="MinRegionArea"/>).</summary>
    public int MinRegionCells(int imageWidth, int imageHeight)
    {
        long pixels = MinRegionArea > 0 ? MinRegionArea : (long)imageWidth * imageHeight / 400;
        long cells = (pixels + ((long)CellSize * CellSize) - 1) / ((long)CellSize * CellSize);
        return (int)Math.Clamp(cells, 1, int.MaxValue);
    }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (CellSize is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(CellSize), CellSize, "Cell size must be 1, 2, 4 or 8.");
        }

        if (TargetQuality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(TargetQuality), TargetQuality, "Target quality must be 1..100.");
        }

        if (MaxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Max degree of parallelism must be -1, 0 (every core) or a thread count.");
        }

        if (MaxRegions is < 1 or > RsgConstants.MaxRegions)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRegions), MaxRegions, $"Max regions must be 1..{RsgConstants.MaxRegions}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MinRegionArea, nameof(MinRegionArea));
    }
}
