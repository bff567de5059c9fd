namespace RegionCodec.Segmentation;

/// <summary>
/// A segmenter's result: a label map, a name per region and the suggested region table, ready for
/// <see cref="RsgEncoder"/> (<c>new RsgEncoderOptions { Regions = result.Regions }</c> with <c>result.Labels</c>).
/// </summary>
public sealed class RsgSegmentation
{
    private readonly Func<int, IReadOnlyList<RsgRegion>> _regionsAtQuality;

    /// <param name="labels">The label map.</param>
    /// <param name="regionNames">A name per label.</param>
    /// <param name="regions">The suggested region table at the segmenter's target quality.</param>
    /// <param name="regionsAtQuality">
    /// How the suggested table follows another target quality (for size searches). Null means the regions only
    /// rank importance: the default spread of <see cref="RsgQualities.FromTarget(int, int)"/> stands in, and
    /// <see cref="HasOwnQualities"/> is false, so front ends allocate the rate instead.
    /// </param>
    public RsgSegmentation(RsgLabelMap labels, IReadOnlyList<string> regionNames, IReadOnlyList<RsgRegion> regions, Func<int, IReadOnlyList<RsgRegion>>? regionsAtQuality = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(regionNames);
        ArgumentNullException.ThrowIfNull(regions);
        if (regionNames.Count != regions.Count || regions.Count is < 1 or > RsgConstants.MaxRegions)
        {
            throw new ArgumentException($"Need 1..{RsgConstants.MaxRegions} regions with one name each; got {regions.Count} regions and {regionNames.Count} names.");
        }

        Labels = labels;
        RegionNames = regionNames;
        Regions = Named(regions);
        HasOwnQualities = regionsAtQuality is not null;
        Func<int, IReadOnlyList<RsgRegion>> rule = regionsAtQuality ?? (q => RsgQualities.FromTarget(regions.Count, q));
        _regionsAtQuality = q => Named(rule(q));
    }

    /// <summary>
    /// True when the segmenter chose the qualities itself (it gave a rule for every target quality); false when
    /// its regions only rank importance and the qualities are a default spread, to be replaced by a rate allocation.
    /// </summary>
    public bool HasOwnQualities { get; }

    public RsgLabelMap Labels { get; }

    /// <summary>Names indexed by label, e.g. "background", "foreground", "face".</summary>
    public IReadOnlyList<string> RegionNames { get; }

    /// <summary>Suggested quality and mode per label, each named after <see cref="RegionNames"/> (so files store the names, spec/rsg.md §4.11).</summary>
    public IReadOnlyList<RsgRegion> Regions { get; }

    /// <summary>The region table the segmenter suggests for target quality <paramref name="targetQuality"/> (1..100).</summary>
    public IReadOnlyList<RsgRegion> RegionsAt(int targetQuality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetQuality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetQuality, 100);
        return _regionsAtQuality(targetQuality);
    }

    /// <summary>
    /// <paramref name="regions"/> with this segmentation's names (an empty name stays unnamed); a name the
    /// rNAM chunk cannot store (over 255 UTF-8 bytes, NUL) is left off rather than failing the encode.
    /// </summary>
    private RsgRegion[] Named(IReadOnlyList<RsgRegion> regions)
    {
        var named = new RsgRegion[regions.Count];
        for (int i = 0; i < named.Length; i++)
        {
            string name = RegionNames[i];
            named[i] = regions[i] with { Name = string.IsNullOrEmpty(name) || !RsgRegion.IsStorableName(name) ? regions[i].Name : name };
        }

        return named;
    }

    /// <summary>This segmentation with qualities replaced by name (e.g. fg=90, bg=30); unnamed regions keep theirs.</summary>
    public RsgSegmentation WithQualities(IReadOnlyDictionary<string, int> qualityByName)
    {
        var regions = new RsgRegion[Regions.Count];
        for (int i = 0; i < regions.Length; i++)
        {
            regions[i] = qualityByName.TryGetValue(RegionNames[i], out int q) ? Regions[i] with { Quality = q } : Regions[i];
            regions[i].Validate(nameof(qualityByName));
        }

        return new RsgSegmentation(Labels, RegionNames, regions, _ => regions); // the caller chose them: final
    }
}
