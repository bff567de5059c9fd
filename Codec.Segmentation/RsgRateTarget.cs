namespace RegionCodec.Segmentation;

/// <summary>
/// What <see cref="RsgRateAllocator"/> aims at: either the size of the same image encoded as one region
/// at a quality (so a region-coded file costs what a plain one would), or an explicit byte budget.
/// </summary>
public readonly record struct RsgRateTarget
{
    private RsgRateTarget(int? oneRegionQuality, long? bytes)
    {
        OneRegionQuality = oneRegionQuality;
        Bytes = bytes;
    }

    /// <summary>The quality of the one-region encode whose size is the target; null for a byte budget.</summary>
    public int? OneRegionQuality { get; }

    /// <summary>The byte budget; null when the target is a one-region encode's size.</summary>
    public long? Bytes { get; }

    /// <summary>At most the size of the image encoded as one region at <paramref name="quality"/> (1..100).</summary>
    public static RsgRateTarget SizeOfOneRegionAt(int quality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        return new RsgRateTarget(quality, null);
    }

    /// <summary>At most <paramref name="bytes"/> bytes.</summary>
    public static RsgRateTarget Budget(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        return new RsgRateTarget(null, bytes);
    }

    public override string ToString() => OneRegionQuality is int q ? $"size of one region at quality {q}" : $"{Bytes} bytes";
}
