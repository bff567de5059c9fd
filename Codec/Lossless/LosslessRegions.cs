namespace RegionCodec.Lossless;

/// <summary>Which labels of a region table are lossless (spec/rsg.md §4.3 mode 2), and whether a frame has LOSS chunks at all.</summary>
internal static class LosslessRegions
{
    /// <summary>Per label: true when its mode is <see cref="RsgRegionMode.Lossless"/>.</summary>
    public static bool[] Flags(ReadOnlySpan<RsgRegion> regions)
    {
        bool[] flags = new bool[regions.Length];
        for (int label = 0; label < regions.Length; label++)
        {
            flags[label] = regions[label].Mode == RsgRegionMode.Lossless;
        }

        return flags;
    }

    /// <summary>True when some region is lossless: then every STRP chunk is followed by a LOSS chunk (§3.3).</summary>
    public static bool Any(ReadOnlySpan<RsgRegion> regions)
    {
        foreach (RsgRegion region in regions)
        {
            if (region.Mode == RsgRegionMode.Lossless)
            {
                return true;
            }
        }

        return false;
    }
}
