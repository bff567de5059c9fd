using SixLabors.ImageSharp;

namespace RegionCodec.ImageSharp;

/// <summary>
/// What a .rsg file says about its regions, kept in the image's metadata:
/// <c>image.Metadata.GetRsgMetadata()</c>. After <c>Image.Load</c> it holds the region table and the
/// decoded label map (which region every mask cell belongs to); after <c>Image.Identify</c> the region
/// table only (<see cref="Labels"/> is null).
/// </summary>
/// <remarks>
/// When an image is saved as .rsg, <see cref="RsgImageEncoder"/> reuses <see cref="Labels"/> and
/// <see cref="Regions"/> if the label map still fits the image's size (see <see cref="RsgImageEncoder.PreserveRegions"/>).
/// </remarks>
public sealed class RsgMetadata : IDeepCloneable
{
    /// <summary>Empty metadata: no regions, no label map.</summary>
    public RsgMetadata()
    {
    }

    private RsgMetadata(RsgMetadata other)
    {
        Regions = other.Regions.ToArray();
        Labels = other.Labels is { } l ? new RsgLabelMap(l.Width, l.Height, l.CellSize, (byte[])l.Labels.Clone()) : null;
        ColorModel = other.ColorModel;
        Subsampling = other.Subsampling;
        MaskCellSize = other.MaskCellSize;
        QuantizationTables = other.QuantizationTables;
        Deblocking = other.Deblocking;
    }

    /// <summary>The region table, indexed by label: each region's quality (1..100), coding mode and name (null when unnamed).</summary>
    public IReadOnlyList<RsgRegion> Regions { get; set; } = [];

    /// <summary>Each label's name as the file stores it (spec/rsg.md §4.11), e.g. "background", "face"; null for an unnamed label.</summary>
    public IReadOnlyList<string?> RegionNames => [.. Regions.Select(r => r.Name)];

    /// <summary>
    /// The decoded region label map (one label per <see cref="RsgLabelMap.CellSize"/>-pixel cell), or null
    /// when the image was only identified or did not come from a .rsg file.
    /// </summary>
    public RsgLabelMap? Labels { get; set; }

    /// <summary>Gray or YCbCr, as stored in the file.</summary>
    public RsgColorModel ColorModel { get; set; } = RsgColorModel.YCbCr;

    /// <summary>Chroma resolution stored in the file (meaningless for gray images).</summary>
    public RsgChromaSubsampling Subsampling { get; set; } = RsgChromaSubsampling.Yuv420;

    /// <summary>Mask cell side in pixels (1, 2, 4 or 8); 0 when unknown.</summary>
    public int MaskCellSize { get; set; }

    /// <summary>The base quantization tables the file's qualities scale (spec §7.1).</summary>
    public RsgQuantizationTables QuantizationTables { get; set; } = RsgQuantizationTables.Tilted;

    /// <summary>Whether the file asks for the deblocking filter (spec §10.5).</summary>
    public bool Deblocking { get; set; } = true;

    /// <summary>The label of pixel (x, y), or null when there is no label map or the pixel is outside it (named like <see cref="RsgLabelMap.LabelAtPixel"/>).</summary>
    public byte? LabelAtPixel(int x, int y)
    {
        if (Labels is not { } map || x < 0 || y < 0)
        {
            return null;
        }

        return x / map.CellSize < map.Width && y / map.CellSize < map.Height ? map.LabelAtPixel(x, y) : null;
    }

    /// <summary>The region (quality and mode) of pixel (x, y), or null when unknown.</summary>
    public RsgRegion? RegionAt(int x, int y) =>
        LabelAtPixel(x, y) is byte label && label < Regions.Count ? Regions[label] : null;

    /// <inheritdoc/>
    public IDeepCloneable DeepClone() => new RsgMetadata(this);

    internal static void Fill(RsgMetadata target, RsgImageInfo info, RsgLabelMap? labels)
    {
        target.Regions = info.Regions;
        target.Labels = labels;
        target.ColorModel = info.ColorModel;
        target.Subsampling = info.Subsampling;
        target.MaskCellSize = info.MaskCellSize;
        target.QuantizationTables = info.QuantizationTables;
        target.Deblocking = info.Deblocking;
    }
}
