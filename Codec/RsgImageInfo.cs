namespace RegionCodec;

/// <summary>
/// What the header, region table and metadata chunks say: enough to allocate, to show a file's regions
/// and names, and to carry its colour profile, EXIF and XMP on. All of it precedes the first strip.
/// </summary>
public sealed class RsgImageInfo
{
    internal RsgImageInfo(FrameHeader header, RsgRegion[] regions, RsgImageMetadata metadata)
    {
        Header = header;
        Regions = regions;
        Metadata = metadata;
    }

    internal FrameHeader Header { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width => Header.Width;

    /// <summary>Image height in pixels.</summary>
    public int Height => Header.Height;

    /// <summary>Gray or YCbCr.</summary>
    public RsgColorModel ColorModel => Header.ColorModel;

    /// <summary>Chroma sampling of a YCbCr image (4:4:4 or 4:2:0).</summary>
    public RsgChromaSubsampling Subsampling => Header.Subsampling;

    /// <summary>Mask cell side in pixels (1, 2, 4 or 8).</summary>
    public int MaskCellSize => Header.MaskCellSize;

    /// <summary>Mask cells per row: ceil(width / cell size).</summary>
    public int MaskWidth => Header.MaskWidth;

    /// <summary>Mask rows: ceil(height / cell size).</summary>
    public int MaskHeight => Header.MaskHeight;

    /// <summary>The region table, indexed by label, with each region's name from rNAM (null when unnamed or the file has no valid rNAM).</summary>
    public IReadOnlyList<RsgRegion> Regions { get; }

    /// <summary>The ICC profile, EXIF and XMP the file carries (each null when absent or ignored, spec/rsg.md §3.3).</summary>
    public RsgImageMetadata Metadata { get; }

    /// <summary>The base quantization tables the regions' qualities scale (spec/rsg.md §7.1).</summary>
    public RsgQuantizationTables QuantizationTables => Header.QuantizationTables;

    /// <summary>Whether the decoder smooths block edges (spec/rsg.md §10.5).</summary>
    public bool Deblocking => Header.Deblocking;

    /// <summary>Whether the file carries an alpha plane; decoded pixels are then <see cref="RsgPixelFormat.Rgba32"/> or <see cref="RsgPixelFormat.GrayAlpha16"/>.</summary>
    public bool HasAlpha => Header.HasAlpha;

    /// <summary>Image rows per strip (the last strip may have fewer).</summary>
    public int StripHeight => Header.StripHeight;

    /// <summary>Number of strips: ceil(height / <see cref="StripHeight"/>).</summary>
    public int StripCount => Header.StripCount;

    /// <summary>The layout of decoded pixels: <see cref="RsgPixelFormat.Gray8"/> or <see cref="RsgPixelFormat.Rgb24"/>, or with alpha <see cref="RsgPixelFormat.GrayAlpha16"/> or <see cref="RsgPixelFormat.Rgba32"/>.</summary>
    public RsgPixelFormat PixelFormat => Header.OutputFormat;

    /// <summary>One line for logs and debuggers, e.g. "768x512 YCbCr 4:2:0, 2 regions (qualities 30, 90), mask cell 8px, 1 strip of 512 rows, Tilted tables, deblocking on".</summary>
    public override string ToString()
    {
        string color = ColorModel == RsgColorModel.Gray ? "gray" : $"YCbCr {(Subsampling == RsgChromaSubsampling.Yuv420 ? "4:2:0" : "4:4:4")}";
        string qualities = string.Join(", ", Regions.Select(r => r.Mode == RsgRegionMode.Dct ? r.Quality.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{r.Quality} {r.Mode}"));
        return $"{Width}x{Height} {color}, {Regions.Count} region{(Regions.Count == 1 ? "" : "s")} (qualit{(Regions.Count == 1 ? "y" : "ies")} {qualities}), "
            + $"mask cell {MaskCellSize}px, {StripCount} strip{(StripCount == 1 ? "" : "s")} of {StripHeight} rows, {QuantizationTables} tables, deblocking {(Deblocking ? "on" : "off")}"
            + (HasAlpha ? ", alpha" : "");
    }
}
